"""Forms for practice homework. The entry form is built from the technique's fields (library.py); a form
that fails is shown again bound, so nothing typed is lost."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import normalise_digits
from dilasa.records.forms import LocalDateField
from dilasa.techniques.library import LIBRARY, LINE_MAX, TEXT_MAX, Field, Words
from dilasa.techniques.services import COMMENT_MAX, NOTE_MAX, Value

NEEDED = {"required": _("Please fill in this part.")}


def _field(field: Field, label: str) -> forms.Field:
    if field.kind == "scale":
        between = _("Choose a number from %(low)s to %(high)s.") % {"low": field.low, "high": field.high}
        return forms.IntegerField(
            label=label,
            required=field.required,
            min_value=field.low,
            max_value=field.high,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages=NEEDED | {"invalid": between, "min_value": between, "max_value": between},
        )
    if field.kind == "yesno":
        return forms.TypedChoiceField(
            label=label,
            required=field.required,
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda v: v == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages=NEEDED | {"invalid_choice": _("Choose yes or no.")},
        )
    if field.kind == "time":
        return forms.CharField(
            label=label,
            required=field.required,
            max_length=5,
            validators=[RegexValidator(r"^([01]\d|2[0-3]):[0-5]\d$", _("Give a time like 18:30."))],
            widget=forms.TimeInput(attrs={"type": "time"}),
            error_messages=NEEDED,
        )
    if field.kind == "line":
        return forms.CharField(label=label, required=field.required, max_length=LINE_MAX, error_messages=NEEDED)
    return forms.CharField(
        label=label,
        required=field.required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=NEEDED,
    )


class EntryForm(forms.Form):
    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, technique: str, words: Words, **kwargs: Any) -> None:
        if args and args[0] is not None:
            data = args[0].copy()
            for f in LIBRARY[technique].fields:
                if f.kind in ("scale", "time") and f.name in data:
                    data[f.name] = normalise_digits(data.get(f.name, "")).strip()
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.technique = LIBRARY[technique]
        if not self.is_bound:
            self.fields["submission_id"].initial = uuid.uuid4()
        for f in self.technique.fields:
            self.fields[f.name] = _field(f, words.labels[f.name])

    def parts(self) -> list[forms.BoundField]:
        return [self[f.name] for f in self.technique.fields]

    def values(self) -> dict[str, Value]:
        return {f.name: self.cleaned_data.get(f.name) for f in self.technique.fields}


class AssignForm(forms.Form):
    technique = forms.ChoiceField(label=_("Exercise"), choices=(), widget=forms.RadioSelect)
    due_on = LocalDateField(label=_("Due on"))
    note = forms.CharField(
        label=_("A note for the client (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, titles: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technique"].choices = list(titles.items())  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the client (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
