from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import normalise_digits
from dilasa.scheduling.models import ClinicPolicy, ExceptionKind, Mode, PracticeSettings, Weekday
from dilasa.scheduling.slots import Slot


class SlotField(forms.CharField):
    """An ISO-8601 instant chosen from the times shown; naive or malformed input is refused."""

    def clean(self, value: Any) -> datetime:
        text = normalise_digits(super().clean(value) or "")
        try:
            parsed = parse_datetime(text)
        except ValueError:
            parsed = None
        if parsed is None or timezone.is_naive(parsed):
            raise ValidationError(_("Choose one of the times shown."), code="bad_time")
        return parsed


class BookingForm(forms.Form):
    slot = SlotField(label=_("Time"))
    mode = forms.ChoiceField(label=_("How you want to meet"), choices=Mode.choices, widget=forms.RadioSelect)
    sliding = forms.BooleanField(label=_("I would like the lower, sliding-scale fee"), required=False)

    def __init__(self, *args: Any, practice: PracticeSettings, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.slots = slots
        offered = practice.offered_modes()
        mode_field = self.fields["mode"]
        assert isinstance(mode_field, forms.ChoiceField)  # noqa: S101 - declared above
        mode_field.choices = [(m.value, m.label) for m in offered]
        if len(offered) == 1:
            self.fields["mode"].initial = offered[0].value
        if not practice.sliding_scale:
            del self.fields["sliding"]


class MoveForm(forms.Form):
    slot = SlotField(label=_("New time"))


class PracticeForm(forms.ModelForm[PracticeSettings]):
    class Meta:
        model = PracticeSettings
        fields = (
            "offers_video",
            "offers_audio",
            "offers_text",
            "offers_in_person",
            "clinic_address",
            "session_minutes",
            "buffer_minutes",
            "fee_pkr",
            "sliding_scale",
            "fee_min_pkr",
            "min_notice_hours",
            "horizon_days",
        )
        widgets = {"clinic_address": forms.Textarea(attrs={"rows": 2})}


class PolicyForm(forms.ModelForm[ClinicPolicy]):
    class Meta:
        model = ClinicPolicy
        fields = ("cancel_cutoff_hours", "reschedule_cutoff_hours")
        labels = {
            "cancel_cutoff_hours": _("Cancelling later than this many hours before counts as a late cancel"),
            "reschedule_cutoff_hours": _("Clients can move an appointment up to this many hours before"),
        }


class HoursRowForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    online = forms.BooleanField(label=_("Online"), required=False, initial=True)
    in_person = forms.BooleanField(label=_("In person"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start >= end:
            raise ValidationError(_("Each period must end after it starts."), code="bad_period")
        if not (cleaned.get("online") or cleaned.get("in_person")):
            raise ValidationError(_("Each period must be online, in person, or both."), code="no_mode")
        return cleaned


HoursFormSet = forms.formset_factory(HoursRowForm, extra=2, max_num=28, validate_max=True, can_delete=True)


class ExceptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=ExceptionKind.choices)
    starts_at = forms.DateTimeField(
        label=_("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label=_("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    online = forms.BooleanField(label=_("Online"), required=False, initial=True)
    in_person = forms.BooleanField(label=_("In person"), required=False)
    note = forms.CharField(label=_("Private note"), required=False, max_length=120)
