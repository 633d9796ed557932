"""Zero axe-core violations on the pages people use most, in English and in Urdu, on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.support import NewContext, sign_in

PUBLIC = ["/", "/sign-in/", "/join/", "/reset/", "/find/", "/find/match/"]
SIGNED_IN = ["/home/", "/account/", "/appointments/", "/account/reminders/", "/welcome/", "/welcome/4/"]

axe = Axe()


def violations(page: Any) -> list[str]:
    results = axe.run(page, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "ur"])
def test_public_pages_have_no_accessibility_violations(new_context: NewContext, language: str) -> None:
    page = new_context(language=language).new_page()
    found: dict[str, list[str]] = {}
    for path in PUBLIC:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found


def test_a_clients_pages_have_no_accessibility_violations(new_context: NewContext, client_ayesha: Any) -> None:
    page = new_context().new_page()
    sign_in(page, client_ayesha)
    found: dict[str, list[str]] = {}
    for path in SIGNED_IN:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found
