"""Every response carries a strict CSP with a nonce and the usual protective headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_pages_carry_strict_security_headers(client: Client) -> None:
    response = client.get("/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    # Scripts only from our origin; a nonce is added only on pages that render one.
    assert re.search(r"script-src 'self'( 'nonce-[A-Za-z0-9+/=_-]{16,}')?;", csp + ";")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=(self)" in response["Permissions-Policy"]


def test_a_rendered_nonce_is_fresh_on_every_response(rf) -> None:
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import Context, Template

    def view(request):
        return HttpResponse(
            Template('<script nonce="{{ request.csp_nonce }}"></script>').render(Context({"request": request}))
        )

    middleware = CSPMiddleware(view)
    first, second = middleware(rf.get("/")), middleware(rf.get("/"))
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"'.encode() in first.content


@pytest.mark.django_db
def test_cookies_are_http_only_and_same_site(client: Client) -> None:
    client.post("/language/", {"language": "ur", "next": "/"})
    cookie = client.cookies["dilasa_lang"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_html_is_compressed_for_browsers_that_ask(client: Client) -> None:
    response = client.get("/sign-in/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
