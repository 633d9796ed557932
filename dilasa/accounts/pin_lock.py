"""Discreet mode and the optional PIN lock: the client's settings, and the lock a session falls into.

A client may set a 4-6 digit PIN. After `pin_idle_minutes` without a request (or without a touch or key
on the page, which discreet.js reports once a minute), the session is locked: every page answers with the
PIN page until the PIN is given (enforced by SessionLifetimeMiddleware, not by the page's script). Only a
hash of the PIN is stored. Each guess is reserved in the database before it is checked, so at most
MAX_FAILURES guesses are ever checked, however many arrive at once; the last wrong one signs the person
out everywhere, and only signing in again with the password clears the count.
"""

from __future__ import annotations

import enum
from typing import Final

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from dilasa.accounts.models import User, new_security_stamp
from dilasa.core.i18n import normalise_digits

PIN_MIN: Final = 4
PIN_MAX: Final = 6
IDLE_CHOICES: Final = (2, 5, 10, 15)  # minutes; shorter than the 30 idle minutes that sign a session out
MAX_FAILURES: Final = 5
LOCKED: Final = "_dilasa_locked"


def discreet_set(*, user: User, on: bool) -> None:
    User.objects.filter(pk=user.pk).update(discreet=on)
    user.discreet = on


def clean_pin(text: str) -> str:
    """The PIN as ASCII digits (Urdu and Arabic-Indic digits accepted), or ValidationError."""
    pin = normalise_digits(text.strip())
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(_("Use 4 to 6 digits."), code="bad_pin")
    return pin


def pin_set(*, user: User, pin: str, idle_minutes: int) -> None:
    if not user.is_client:
        raise ValidationError(_("Only clients can set a PIN."), code="not_client")
    if idle_minutes not in IDLE_CHOICES:
        raise ValidationError(_("Choose one of the times offered."), code="bad_idle")
    hashed = make_password(clean_pin(pin))
    User.objects.filter(pk=user.pk).update(pin_hash=hashed, pin_idle_minutes=idle_minutes, pin_failures=0)
    user.pin_hash, user.pin_idle_minutes, user.pin_failures = hashed, idle_minutes, 0


def pin_clear(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(pin_hash="", pin_failures=0)
    user.pin_hash, user.pin_failures = "", 0


def failures_forgiven(*, user: User) -> None:
    """Signing in with the password clears the count of wrong PINs."""
    if user.pin_failures:
        User.objects.filter(pk=user.pk).update(pin_failures=0)
        user.pin_failures = 0


class Attempt(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    SIGNED_OUT = "signed_out"  # too many wrong: every session of this user has ended


def pin_try(*, user: User, pin: str) -> Attempt:
    """Check a guess. The guess is counted before it is checked, so simultaneous guesses cannot exceed the limit."""
    reserved = User.objects.filter(pk=user.pk, pin_failures__lt=MAX_FAILURES).update(pin_failures=F("pin_failures") + 1)
    if not reserved:
        return _sign_out_everywhere(user)
    stored = User.objects.filter(pk=user.pk).values_list("pin_hash", "pin_failures").get()
    try:
        right = bool(stored[0]) and check_password(clean_pin(pin), stored[0])
    except ValidationError:
        right = False
    if right:
        User.objects.filter(pk=user.pk).update(pin_failures=0)
        return Attempt.RIGHT
    if stored[1] >= MAX_FAILURES:
        return _sign_out_everywhere(user)
    return Attempt.WRONG


def _sign_out_everywhere(user: User) -> Attempt:
    User.objects.filter(pk=user.pk).update(security_stamp=new_security_stamp())
    return Attempt.SIGNED_OUT


def has_pin(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.is_client and bool(user.pin_hash)


def lock_due(user: object, *, idle_seconds: int) -> bool:
    return has_pin(user) and isinstance(user, User) and idle_seconds > user.pin_idle_minutes * 60


def lock(session: SessionBase) -> None:
    session[LOCKED] = True


def is_locked(session: SessionBase) -> bool:
    return bool(session.get(LOCKED))


def unlock(session: SessionBase) -> None:
    session.pop(LOCKED, None)
