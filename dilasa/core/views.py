from __future__ import annotations

import asyncio
import logging
import secrets

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib.auth import logout
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.core.languages import remember_language, supported

logger = logging.getLogger(__name__)
HEALTH_TIMEOUT = 2.0


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    return render(request, "core/landing.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    code = supported(request.POST.get("language"))
    if code is None:
        return HttpResponseBadRequest(_("Choose one of the languages offered."))
    user = request.user
    if user.is_authenticated:
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(pk=user.pk).update(language=code)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = redirect(target)
    remember_language(response, code)
    return response


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
            return row is not None and row[0] == 1
    except Exception:
        logger.exception("healthz: database unreachable")
        return False


async def _channel_layer_ok() -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        channel = await layer.new_channel("healthz.")
        token = secrets.token_hex(8)
        await asyncio.wait_for(layer.send(channel, {"type": "healthz", "token": token}), HEALTH_TIMEOUT)
        message = await asyncio.wait_for(layer.receive(channel), HEALTH_TIMEOUT)
        return bool(message.get("token") == token)
    except Exception:
        logger.exception("healthz: channel layer unreachable")
        return False


@never_cache
async def healthz(request: HttpRequest) -> HttpResponse:
    database = await sync_to_async(_database_ok)()
    channel_layer = await _channel_layer_ok()
    healthy = database and channel_layer
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if database else "unavailable",
        "channel_layer": "ok" if channel_layer else "unavailable",
    }
    return JsonResponse(body, status=200 if healthy else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if request.path == reverse("core:leave"):
        # Someone leaving in a hurry (say, with a page older than their sign-in) never meets an error page.
        # Signing out here is safe: a cross-site form never carries our SameSite=Lax session cookie anyway.
        logout(request)
        return redirect("core:neutral")
    return render(request, "core/csrf_failure.html", status=403)


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """Quick exit: end this browser's session and show a page that says nothing about us.

    The page's script sends this with navigator.sendBeacon while it replaces itself with the neutral
    page; without script the button posts here and the answer goes there. Only this browser signs out:
    the client's own phone elsewhere stays signed in.
    """
    logout(request)
    return redirect("core:neutral")


def neutral(request: HttpRequest) -> HttpResponse:
    """Where quick exit lands: an everyday recipe, on its own plain page with nothing of ours in it."""
    return render(request, "core/neutral.html")
