from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import User
from dilasa.audit.services import EMERGENCY_REASON_MAX, EMERGENCY_REASON_MIN
from dilasa.core.i18n import normalise_digits


class LocalDateField(forms.DateField):
    """A date from <input type="date">, with Urdu or Arabic-Indic digits accepted."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> Any:
        return super().to_python(normalise_digits(value) if isinstance(value, str) else value)


class LogFilterForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    since = LocalDateField(label=_("From"), required=False)
    until = LocalDateField(label=_("Until"), required=False)

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", _("Everyone")), *((p.pk, p.display_name) for p in people)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end is before the start."))
        return data


class EmergencyForm(forms.Form):
    client = forms.TypedChoiceField(label=_("Client"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Why this cannot wait. The client's therapists are told that you opened the records, and the "
            "client sees it in their account."
        ),
        min_length=EMERGENCY_REASON_MIN,
        max_length=EMERGENCY_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, clients: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["client"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "—"), *((c.pk, c.display_name) for c in clients)]
