"""Email addresses and phone numbers as sign-in identifiers, normalised one way."""

from __future__ import annotations

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from dilasa.accounts.models import LoginKind
from dilasa.core.i18n import normalise_digits

_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
_E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")


class Identifier(NamedTuple):
    kind: LoginKind
    value: str


def parse_identifier(raw: str) -> Identifier:
    """Return the canonical form, or raise ValidationError with a message for people."""
    text = normalise_digits(raw).strip()
    if not text:
        raise ValidationError(_("Enter an email address or a mobile number."), code="required")
    if "@" in text:
        email = text.lower()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(_("Enter a valid email address."), code="invalid_email") from None
        return Identifier(LoginKind.EMAIL, email)
    return Identifier(LoginKind.PHONE, parse_phone(text))


def parse_phone(text: str) -> str:
    number = _PHONE_PUNCTUATION.sub("", normalise_digits(text))
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("03") and len(number) == 11:  # Pakistani mobile, 03XX-XXXXXXX
        number = "+92" + number[1:]
    elif number.startswith("92") and len(number) == 12:
        number = "+" + number
    if not _E164.match(number):
        raise ValidationError(
            _("Enter a mobile number such as 0300 1234567, or with the country code, such as +44 7700 900123."),
            code="invalid_phone",
        )
    return number
