"""Forms for clinical records. They check shape and length; the services have the last word. A form that
fails keeps everything the therapist typed (it is re-rendered bound)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import local_date, normalise_digits
from dilasa.records.models import SECTIONS, HomeworkStatus, Template
from dilasa.records.selectors import SECTION_LABELS
from dilasa.records.services import SECTION_MAX, TITLE_MAX
from dilasa.scheduling.models import Appointment


class LocalDateField(forms.DateField):
    """A date typed with any digits (Urdu and Arabic-Indic digits too), sent by <input type="date">."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str):
            value = normalise_digits(value).strip()
        return super().to_python(value)


def _text(label: Any, *, rows: int = 5, max_length: int = SECTION_MAX, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Kind of note"), choices=Template.choices, widget=forms.RadioSelect)


class NoteForm(forms.Form):
    """The sections of one template; on a new note, the appointment it belongs to (optional)."""

    template = forms.ChoiceField(choices=Template.choices, widget=forms.HiddenInput)
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        template: str,
        appointments: list[Appointment] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].initial = template
        for name in SECTIONS[template]:
            self.fields[name] = _text(SECTION_LABELS[name], rows=8 if name == "text" else 4)
        if appointments is not None:
            choices = [("", _("None"))] + [(str(a.pk), local_date(a.starts_at)) for a in appointments]
            self.fields["appointment"] = forms.TypedChoiceField(
                label=_("Session"), choices=choices, coerce=int, required=False, empty_value=None
            )
        self.section_names = SECTIONS[template]

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.section_names}


class AddendumForm(forms.Form):
    body = _text(_("Addendum"), rows=4)


class PlanForm(forms.Form):
    goals = _text(_("Goals"))
    interventions = _text(_("Interventions"))
    review_on = LocalDateField(label=_("Review date"), required=False)
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class HomeworkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    instructions = _text(_("Instructions"), rows=4)
    due_on = LocalDateField(label=_("Due"), required=False)


class HomeworkRecordForm(HomeworkForm):
    status = forms.ChoiceField(label=_("How it went"), choices=HomeworkStatus.choices)
    observations = _text(_("Your observations"), rows=4, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG or WebP, at most 5 MB. It is stored encrypted."),
    )


class SupervisionForm(forms.Form):
    supervisee = forms.TypedChoiceField(label=_("Therapist"), coerce=int)
    supervisor = forms.TypedChoiceField(label=_("Supervisor"), coerce=int)

    def __init__(
        self, *args: Any, therapists: list[tuple[int, str]], supervisors: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("supervisee", therapists), ("supervisor", supervisors)):
            field = self.fields[name]
            if isinstance(field, forms.TypedChoiceField):
                field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("supervisee") is not None and data.get("supervisee") == data.get("supervisor"):
            raise forms.ValidationError(_("A therapist cannot supervise themselves."), code="self")
        return data
