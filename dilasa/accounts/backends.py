from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from dilasa.accounts.identifiers import parse_identifier
from dilasa.accounts.models import User


class LoginIdentifierBackend(BaseBackend):
    """Sign in with an email address or a mobile number, in any digits."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        try:
            identifier = parse_identifier(username)
            user = User.objects.get(login=identifier.value)
        except (ValidationError, User.DoesNotExist):
            # Hash anyway so the time taken does not tell whether the account exists.
            User().set_password(password)
            return None
        if user.check_password(password) and user.is_active:
            return user
        return None

    def get_user(self, user_id: int) -> User | None:
        try:
            user = User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if user.is_active else None
