"""TOTP two-factor with recovery codes, on django-otp.

Staff (therapists, clinic admins) must use it; clients may turn it on.
"""

from __future__ import annotations

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dilasa.accounts.models import User
from dilasa.core.i18n import normalise_digits

RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


def needs_second_factor(user: User) -> bool:
    return user.is_staff_role or bool(user_has_device(user))


def has_authenticator(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def totp_setup_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for this user (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff"))


def totp_secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(token: str) -> str:
    return normalise_digits(token).replace(" ", "").replace("-", "").strip()


def totp_setup_confirm(*, user: User, token: str) -> list[str]:
    """Confirm the pending authenticator with a code from it; returns fresh recovery codes."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_clean(token)):
        raise ValidationError(
            _("That code did not match. Check the time on your phone and try again."), code="bad_code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return recovery_codes_regenerate(user=user)


def recovery_codes_regenerate(*, user: User) -> list[str]:
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_remaining(*, user: User) -> int:
    count: int = StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()
    return count


def two_factor_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check an authenticator code or a recovery code and mark the session verified."""
    cleaned = _clean(token)
    device = match_token(user, cleaned if cleaned.isdigit() else cleaned.lower())
    if device is None:
        return False
    otp_login(request, device)
    return True


def two_factor_disable(*, user: User) -> None:
    if user.is_staff_role:
        raise ValidationError(_("Two-step sign-in is required for clinic staff."), code="required")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
