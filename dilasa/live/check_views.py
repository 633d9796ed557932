"""The device and connection check: a page anyone may open before a session, and three tiny endpoints it measures.

The endpoints answer without touching the database or the session, are never cached (a cached answer would
measure the cache, not the network), and are bounded so they cannot be used to move much data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from dilasa.live.models import LiveMode

MAX_DOWNLOAD_KB = 512
MAX_UPLOAD_BYTES = 512 * 1024
RTT_LIMIT_MS = 700  # the room steps down a rung above this (docs/realtime-protocol.md)
_KB = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True)
class Rung:
    """One step of the bandwidth ladder (docs/realtime-protocol.md), as the check page explains it."""

    mode: str
    name: str | Promise
    what: str | Promise
    # What the check must measure both ways (HTTP goodput, which runs below the link's rate) to suggest the mode.
    # Voice: a 32 kbit/s link with 300 ms and 3 % loss measured 22-24 kbit/s and held a voice call for 3 minutes
    # (docs/live-benchmarks.md), so 18 leaves a margin. Video rungs: what they send plus audio, with headroom.
    needs_kbps: int
    mb_per_minute: Decimal
    camera: bool
    microphone: bool


RUNGS = (
    Rung(
        LiveMode.VIDEO,
        LiveMode.VIDEO.label,
        gettext_lazy("You see and hear each other clearly."),
        700,
        Decimal("3.8"),
        camera=True,
        microphone=True,
    ),
    Rung(
        LiveMode.VIDEO_LOW,
        LiveMode.VIDEO_LOW.label,
        gettext_lazy("A smaller, softer picture that needs less data."),
        250,
        Decimal("1.1"),
        camera=True,
        microphone=True,
    ),
    Rung(
        LiveMode.AUDIO,
        LiveMode.AUDIO.label,
        gettext_lazy("Like a phone call. It holds on a weak connection."),
        18,
        Decimal("0.2"),
        camera=False,
        microphone=True,
    ),
    Rung(
        LiveMode.TEXT,
        LiveMode.TEXT.label,
        gettext_lazy("Typed messages, for a very weak connection or when you cannot talk freely."),
        0,
        Decimal("0.05"),
        camera=False,
        microphone=False,
    ),
)


@require_safe
def check_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "live/check.html",
        {"rungs": RUNGS, "max_kb": MAX_DOWNLOAD_KB, "rtt_limit_ms": RTT_LIMIT_MS},
    )


@never_cache
@require_safe
def check_ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=204)


@cache
def _noise() -> bytes:
    """Random bytes, made once per process: no compression on the way can make the link look faster."""
    return os.urandom(MAX_DOWNLOAD_KB * 1024)


@never_cache
@require_GET
def check_download(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("kb", "")
    if not _KB.fullmatch(raw) or not 1 <= int(raw) <= MAX_DOWNLOAD_KB:
        message = _("Ask for kb, a whole number of kilobytes from 1 to %(most)d.") % {"most": MAX_DOWNLOAD_KB}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(_noise()[: int(raw) * 1024], content_type="application/octet-stream")


@never_cache
@require_POST
def check_upload(request: HttpRequest) -> HttpResponse:
    too_large = _("Send at most %(most)d KB.") % {"most": MAX_UPLOAD_BYTES // 1024}
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isascii() or not declared.isdigit():
        return HttpResponse(_("Content-Length must be a number."), status=400, content_type="text/plain; charset=utf-8")
    if int(declared) > MAX_UPLOAD_BYTES:  # refuse before reading a byte of it
        return HttpResponse(too_large, status=413, content_type="text/plain; charset=utf-8")
    if len(request.read(MAX_UPLOAD_BYTES + 1)) > MAX_UPLOAD_BYTES:
        return HttpResponse(too_large, status=413, content_type="text/plain; charset=utf-8")
    return HttpResponse(status=204)
