"""django-axes hooks: key failures on the normalised identifier, answer lockouts politely."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dilasa.accounts.identifiers import parse_identifier


def username_from_request(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    raw = ""
    if credentials:
        raw = str(credentials.get("username") or "")
    elif request.method == "POST":
        raw = str(request.POST.get("username", ""))
    try:
        return parse_identifier(raw).value
    except ValidationError:
        return raw.strip().lower()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    # The same page whether or not the account exists: it never confirms one.
    return render(request, "accounts/locked_out.html", status=429)
