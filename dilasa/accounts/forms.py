from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.identifiers import Identifier, parse_identifier
from dilasa.accounts.models import Role, User
from dilasa.accounts.pin_lock import IDLE_CHOICES, clean_pin
from dilasa.core.i18n import normalise_digits

PASSWORD_MAX = 256  # the validator says 128; this only stops huge bodies reaching the hasher


class IdentifierField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Email or mobile number"))
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})

    def clean(self, value: Any) -> Identifier:
        text = super().clean(value)
        return parse_identifier(text)


def _password_field(label: Any, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class LoginForm(AuthenticationForm):
    """Django's form with our wording: it never says which part was wrong."""

    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    password = _password_field(_("Password"), "current-password")

    error_messages = {
        "invalid_login": _(
            "That sign-in did not work. Check your email or number and password. "
            "If you have just signed up, open the link we sent you first."
        ),
        "inactive": _(
            "That sign-in did not work. Check your email or number and password. "
            "If you have just signed up, open the link we sent you first."
        ),
    }

    def clean_username(self) -> str:
        return normalise_digits(self.cleaned_data["username"]).strip()


class SignupForm(forms.Form):
    display_name = forms.CharField(
        label=_("What should we call you?"),
        help_text=_("Any name you like. It does not need to be your real name."),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    identifier = IdentifierField(help_text=_("We send a link here to finish signing up. Nobody else sees it."))
    password = _password_field(_("Choose a password"), "new-password")

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise ValidationError(_("Enter a name we can call you."), code="required")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        identifier = cleaned.get("identifier")
        if password and identifier:
            probe = User(login=identifier.value, display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class PasswordResetRequestForm(forms.Form):
    identifier = IdentifierField()


class InvitationAcceptForm(forms.Form):
    display_name = forms.CharField(label=_("Your name as clients will see it"), max_length=60)
    password = _password_field(_("Choose a password"), "new-password")

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            probe = User(login=self.email, display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.THERAPIST.value, Role.THERAPIST.label), (Role.CLINIC_ADMIN.value, Role.CLINIC_ADMIN.label)],
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


# Where most clients and the diaspora live; any other IANA zone can be typed in.
COMMON_TIME_ZONES = (
    "Asia/Karachi",
    "Asia/Dubai",
    "Asia/Riyadh",
    "Asia/Qatar",
    "Asia/Kuwait",
    "Asia/Muscat",
    "Asia/Bahrain",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Oslo",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Toronto",
    "Australia/Sydney",
    "Asia/Kuala_Lumpur",
    "Asia/Shanghai",
)


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    time_zone = forms.CharField(
        label=_("Your time zone"),
        max_length=64,
        help_text=_("Times are shown in this zone, for example Asia/Karachi, Asia/Dubai or Europe/London."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off", "dir": "ltr"}),
    )

    def clean_time_zone(self) -> str:
        return str(self.cleaned_data["time_zone"]).strip()


class DiscreetForm(forms.Form):
    discreet = forms.BooleanField(
        label=_("Discreet mode"),
        required=False,
        help_text=_(
            "Plain page names, a “Leave quickly” button on every page, and Escape pressed three times leaves too."
        ),
    )


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("New PIN (4 to 6 digits)"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    pin_again = forms.CharField(
        label=_("The same PIN again"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    idle_minutes = forms.TypedChoiceField(
        label=_("Ask for it after this many minutes without use"),
        coerce=int,
        initial=5,
        choices=[(m, str(m)) for m in IDLE_CHOICES],
    )

    def clean_pin(self) -> str:
        return clean_pin(self.cleaned_data["pin"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        pin, again = cleaned.get("pin"), cleaned.get("pin_again")
        if pin and again is not None and normalise_digits(again.strip()) != pin:
            self.add_error("pin_again", _("The two PINs are not the same."))
        return cleaned


class UnlockForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}),
    )
