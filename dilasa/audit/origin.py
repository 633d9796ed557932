"""Where the current request or socket comes from, for the audit record, without passing requests around.

The middleware (HTTP) and each consumer (WebSocket) set it; `dilasa.audit.services.record` reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_origin: ContextVar[str | None] = ContextVar("audit_origin", default=None)


def current_origin() -> str | None:
    return _origin.get()


def set_origin(ip: str | None) -> None:
    _origin.set(ip or None)


def client_ip(request: HttpRequest) -> str | None:
    # Behind the reverse proxy the README describes, REMOTE_ADDR is the proxy's; AXES is told the same
    # header, so both see the same address.
    from django.conf import settings

    header: str = getattr(settings, "AUDIT_CLIENT_IP_HEADER", "")
    if header and header in request.META:
        return str(request.META[header]).split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class AuditOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _origin.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
