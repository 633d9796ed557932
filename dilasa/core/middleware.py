from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from dilasa.core.languages import language_for_request, time_zone_for_request


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set; and no-store on whatever a signed-in person is shown."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if "Cache-Control" not in response.headers and _is_personal(request):
            # Nothing seen while signed in stays in the browser's cache, where Back (or the next person
            # on a shared phone) would find it after signing out or leaving quickly.
            add_never_cache_headers(response)
        return response


def _is_personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return settings.SESSION_COOKIE_NAME in request.COOKIES or bool(user is not None and user.is_authenticated)


class UserLocaleMiddleware:
    """Activate the signed-in user's language (else the cookie's, else the browser's) and time zone.

    Runs after authentication so a user's saved choice follows them to any device.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        timezone.activate(time_zone_for_request(request))
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        vary = response.headers.get("Vary")
        if not vary or "Cookie" not in vary:
            response.headers["Vary"] = f"{vary}, Cookie" if vary else "Cookie"
        translation.deactivate()
        timezone.deactivate()
        return response
