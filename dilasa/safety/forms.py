from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.safety.models import ClinicHelpline, FlagAction
from dilasa.safety.services import NOTE_MAX


class AcknowledgeForm(forms.Form):
    action = forms.ChoiceField(label=_("What did you do?"), choices=FlagAction.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Only the client's care team and the clinic's admins can read it."),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") == FlagAction.OTHER and not str(data.get("note") or "").strip():
            self.add_error("note", _("Say in the note what you did."))
        return data


class HelplineForm(forms.ModelForm[ClinicHelpline]):
    class Meta:
        model = ClinicHelpline
        fields = ("name", "number", "hours", "languages", "purpose")

    def clean_number(self) -> str:
        number = str(self.cleaned_data["number"]).strip()
        digits = number.replace("-", "").replace(" ", "").removeprefix("+")
        if not digits.isdigit() or not 3 <= len(digits) <= 15:
            raise forms.ValidationError(_("Enter a phone number: digits, with spaces or dashes if you like."))
        return number


class OnCallForm(forms.Form):
    admin = forms.TypedChoiceField(label=_("On call"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args: object, admins: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["admin"]
        if isinstance(field, forms.TypedChoiceField):
            field.choices = [("", _("Every administrator of the clinic")), *admins]
