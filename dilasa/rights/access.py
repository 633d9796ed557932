"""Re-authentication before an export or an erasure request: the password again, through the same path as
sign-in (django-axes counts wrong guesses and locks out the same way)."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from dilasa.accounts.models import User


def confirm_password(request: HttpRequest, *, user: User, password: str) -> None:
    """Raise ValidationError unless `password` is `user`'s."""
    try:
        confirmed = authenticate(request, username=user.login, password=password)
    except PermissionDenied:
        confirmed = None
        raise ValidationError(_("Too many wrong tries. Please wait a while and try again."), code="locked") from None
    if confirmed is None or confirmed.pk != user.pk:
        raise ValidationError(_("That password is not right."), code="password")
