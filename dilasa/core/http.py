"""Typed requests, so views that require a signed-in user say so in their signature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from dilasa.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
