"""Who is on the other end of a WebSocket: the one rule every consumer uses (live room, messaging)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from dilasa.accounts import pin_lock
from dilasa.accounts.middleware import AUTH_AT, SEEN_AT
from dilasa.accounts.models import User
from dilasa.accounts.two_factor import needs_second_factor


def socket_user(user: Any, session: Any) -> User | None:
    """The signed-in user behind a WebSocket, if they finished sign-in; None otherwise.

    AuthMiddlewareStack has checked the session (and its hash, so signing out anywhere counts); the HTTP
    middleware (session lifetimes, the PIN lock, django-otp's second step) does not run for WebSockets, so
    its rules are checked here the same way.
    """
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active or session is None:
        return None
    now = int(time.time())
    auth_at, seen_at = session.get(AUTH_AT), session.get(SEEN_AT)
    if auth_at is not None and now - int(auth_at) > settings.SESSION_ABSOLUTE_SECONDS:
        return None
    if seen_at is not None and now - int(seen_at) > settings.SESSION_IDLE_SECONDS:
        return None
    # A PIN-locked session (or one idle past the client's PIN minutes) opens nothing until the PIN is given.
    if pin_lock.is_locked(session) or (
        seen_at is not None and pin_lock.lock_due(user, idle_seconds=now - int(seen_at))
    ):
        return None
    if needs_second_factor(user) and not _second_step_done(user, session):
        return None
    return user


def _second_step_done(user: User, session: Any) -> bool:
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and bool(device.confirmed)
