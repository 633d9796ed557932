"""Discreet mode: nothing clinical left behind in the browser, its history or its cache.

- Every URL pattern (pages and WebSockets) is made of neutral words: addresses stay in the history.
- Everything shown to a signed-in person, and every page of the apps that hold clinical data, is answered
  with Cache-Control: no-store, so neither Back nor the next person on the phone finds it in the cache.
- Our scripts write nothing to localStorage or IndexedDB, and to sessionStorage only the known
  non-clinical keys (the connection check's suggestion, the room's "I was here" mark).
- The installable app's manifest is served as a manifest, under a neutral name, with a neutral icon.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dilasa.core.discreet import sensitive_words_in
from tests.test_page_budget import EXTRA_VISITS, PAGES

DILASA = Path(settings.BASE_DIR) / "dilasa"
CLINICAL_APPS = {"records", "messaging", "live", "outcomes", "audit", "rights", "consent", "safety"}
# Clinical-app pages anyone may open without signing in, and why they may be cached.
PUBLIC_PAGES = {
    "safety:crisis": "the public help page: the service worker keeps it for offline use; it holds no one's data",
    "live:check": "the device check for visitors: no one's data",
    "rights:cancel": "reached by a link in an email with no session; answered no-store by its view anyway",
}


def routes() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                found.append(route)

    walk(get_resolver().url_patterns, "/")
    from config.routing import websocket_urlpatterns

    walk(websocket_urlpatterns, "/")
    return found


def test_every_address_is_made_of_neutral_words() -> None:
    addresses = routes()
    assert len(addresses) > 50
    visible = [re.sub(r"<[^>]*>|\(\?P<\w+>", "", route) for route in addresses]  # parameter names never show
    assert not [route for route in visible if sensitive_words_in(route)]


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES) + sorted(EXTRA_VISITS))
def test_what_a_signed_in_person_sees_is_never_cached(page: str, request: pytest.FixtureRequest) -> None:
    client, url = (PAGES | EXTRA_VISITS)[page](request)
    response = client.get(url)
    assert response.status_code == 200
    signed_in = bool(client.session.get("_auth_user_id"))
    name = response.resolver_match.view_name
    app = name.split(":")[0]
    if signed_in or (app in CLINICAL_APPS and name not in PUBLIC_PAGES):
        assert "no-store" in response.get("Cache-Control", ""), f"{page}: {response.get('Cache-Control')}"


STORAGE = re.compile(r"\b(localStorage|sessionStorage|indexedDB|openDatabase|caches)\b")
# File -> the storage calls it may make (the whole matching line, stripped of spaces). Nothing else may appear.
ALLOWED_STORAGE = {
    "static/js/check.js": ['sessionStorage.setItem("dilasa.suggest"'],
    "static/js/room.js": [
        "sessionStorage.getItem(storeKey)",
        "sessionStorage.getItem('dilasa.suggest')",
        "sessionStorage.setItem(storeKey,'1')",
        "sessionStorage.removeItem(storeKey)",
    ],
    "static/js/discreet.js": ["sessionStorage.clear()"],
}


def scripts() -> list[Path]:
    return sorted(p for p in DILASA.rglob("*.js") if "/static/" in str(p) and "node_modules" not in str(p))


def test_scripts_store_nothing_clinical_in_the_browser() -> None:
    assert scripts(), "no scripts found"
    for path in scripts():
        relative = str(path.relative_to(DILASA))
        allowed = next((calls for suffix, calls in ALLOWED_STORAGE.items() if relative.endswith(suffix)), [])
        text = path.read_text()
        for line in text.splitlines():
            if not STORAGE.search(line) or line.strip().startswith("//"):
                continue
            if "/safety/" in f"/{relative}" and "caches" in line and "Storage" not in line and "indexedDB" not in line:
                continue  # the service worker keeps the public help page for offline use (CacheStorage)
            compact = line.replace(" ", "")
            assert any(call.replace(" ", "") in compact for call in allowed), f"{relative}: {line.strip()}"


@pytest.mark.django_db
def test_the_installable_app_has_a_neutral_name_and_icon() -> None:
    response = Client().get("/static/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert manifest["name"] == manifest["short_name"] == "Dilasa"
    assert not sensitive_words_in(json.dumps(manifest, ensure_ascii=False))
    icon = (DILASA / "static" / manifest["icons"][0]["src"]).read_text()
    assert len(icon) < 1024
    assert "<text" not in icon
