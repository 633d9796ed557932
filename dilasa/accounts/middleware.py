from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dilasa.accounts import pin_lock
from dilasa.accounts.models import User
from dilasa.accounts.two_factor import has_authenticator, needs_second_factor

AUTH_AT = "_dilasa_auth_at"
SEEN_AT = "_dilasa_seen_at"
SEEN_WRITE_INTERVAL = 60  # seconds: refresh the idle clock at most once a minute


def start_session_clock(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now


class SessionLifetimeMiddleware:
    """Sign out after 30 idle minutes, and 12 hours after sign-in whatever happens.

    A client with a PIN is locked sooner, after their own idle minutes (pin_lock.py): until the PIN is
    given, every page but a few harmless ones answers with the PIN page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            auth_at = request.session.get(AUTH_AT)
            seen_at = request.session.get(SEEN_AT)
            if auth_at is None or seen_at is None:
                start_session_clock(request)
            elif now - seen_at > settings.SESSION_IDLE_SECONDS or now - auth_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out to keep your account private. Please sign in again."))
                return HttpResponseRedirect(f"{reverse('accounts:login')}?next={request.path}")
            else:
                if pin_lock.lock_due(request.user, idle_seconds=now - seen_at):
                    pin_lock.lock(request.session)
                if now - seen_at >= SEEN_WRITE_INTERVAL:
                    request.session[SEEN_AT] = now
            if pin_lock.is_locked(request.session) and not _open_while_locked(request):
                target = reverse("accounts:unlock")
                if request.method == "GET":
                    target = f"{target}?{urlencode({'next': request.get_full_path()})}"
                return HttpResponseRedirect(target)
        return self.get_response(request)


# What a locked session may still reach: the PIN page, ways out, and help (never behind a lock).
_OPEN_WHILE_LOCKED = frozenset(
    {"accounts:unlock", "accounts:logout", "core:leave", "core:neutral", "core:set_language", "core:healthz"}
)
_OPEN_NAMESPACES_WHILE_LOCKED = frozenset({"safety"})


def _open_while_locked(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # a 404 page reveals nothing
    return match.view_name in _OPEN_WHILE_LOCKED or bool(set(match.namespaces) & _OPEN_NAMESPACES_WHILE_LOCKED)


# Pages a signed-in person may see before the second step of sign-in.
_OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "accounts:recovery_codes",
        "accounts:logout",
        "core:set_language",
        "core:healthz",
        "core:landing",
    }
)


class StaffTwoFactorMiddleware:
    """Staff, and clients who turned it on, finish two-step sign-in before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.is_authenticated
            and not user.is_verified()
            and needs_second_factor(user)
            and not self._is_open(request)
        ):
            target = "accounts:two_factor_verify" if has_authenticator(user) else "accounts:two_factor_setup"
            return HttpResponseRedirect(reverse(target))
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 page reveals nothing
        return match.view_name in _OPEN_BEFORE_SECOND_FACTOR
