"""Forms for outcome measures. The answer form is built from the instrument's text, one radio group per
question; a form that fails is shown again bound, so every answer already given stays ticked."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import normalise_digits
from dilasa.outcomes import scoring
from dilasa.outcomes.labels import THERAPIST_NAMES
from dilasa.outcomes.models import Instrument, Schedule
from dilasa.outcomes.services import EVERY_DAYS_MAX, WORD_MAX
from dilasa.outcomes.texts import Text
from dilasa.records.forms import LocalDateField


class AnswerForm(forms.Form):
    occurrence = forms.CharField(max_length=24, widget=forms.HiddenInput)
    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, text: Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text
        if not self.is_bound:
            self.fields["submission_id"].initial = uuid.uuid4()
        choices = [(str(value), label) for value, label in enumerate(text.options)]
        for number, item in enumerate(text.items, start=1):
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=item,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer."),
                    "invalid_choice": _("Please choose one of the answers shown."),
                },
            )
        if text.instrument == scoring.MOOD:
            self.fields["word"] = forms.CharField(
                label=_("One word for how you feel (optional, only your therapist sees it)"),
                max_length=WORD_MAX,
                required=False,
            )

    def questions(self) -> list[forms.BoundField]:
        return [self[f"q{n}"] for n in range(1, len(self.text.items) + 1)]

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{n}"] for n in range(1, len(self.text.items) + 1)]


class AssignForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Questionnaire"),
        choices=[(value, THERAPIST_NAMES[value]) for value in Instrument.values],
        widget=forms.RadioSelect,
    )
    schedule = forms.ChoiceField(label=_("How often"), choices=Schedule.choices, widget=forms.RadioSelect)
    every_days = forms.IntegerField(
        label=_("Every how many days (when repeating)"), min_value=1, max_value=EVERY_DAYS_MAX, required=False
    )
    ends_on = LocalDateField(label=_("Last day (needed when repeating)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args and args[0] is not None and "every_days" in args[0]:
            data = args[0].copy()
            data["every_days"] = normalise_digits(data.get("every_days", ""))
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
