"""Choosing the language for a request and remembering a user's choice."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def supported(code: str | None) -> str | None:
    codes = {c for c, _ in settings.LANGUAGES}
    return code if code in codes else None


def language_for_request(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        chosen = supported(getattr(user, "language", None))
        if chosen:
            return chosen
    cookie = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if cookie:
        return cookie
    return translation.get_language_from_request(request, check_path=False)


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone `name`, or Pakistan time when it is empty or unknown."""
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def time_zone_for_request(request: HttpRequest) -> ZoneInfo:
    """The signed-in user's zone; Pakistan time for everyone else."""
    user = getattr(request, "user", None)
    return zone_named(getattr(user, "time_zone", "") if user is not None and user.is_authenticated else "")


def remember_language(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
