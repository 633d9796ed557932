"""Refresh docs/screenshot.png: the Urdu landing page on a phone, taken by real Chromium.

Not named test_*.py, so ordinary runs never collect it and never write to the repo. Run it by name:

    .venv/bin/pytest tests/browser/screenshot.py

Arabic-script text needs fonts on the machine (Debian: fonts-noto-core has Noto Naskh Arabic and Noto Nastaliq
Urdu); look at the result before committing it.
"""

from __future__ import annotations

from django.conf import settings

from tests.browser.support import NewContext

TARGET = settings.BASE_DIR / "docs" / "screenshot.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_save_urdu_landing_screenshot(new_context: NewContext) -> None:
    # A common phone size; device_scale_factor 1 keeps the PNG small enough for the docs.
    page = new_context(language="ur", viewport={"width": 390, "height": 844}).new_page()
    response = page.goto("/")
    assert response is not None
    assert response.status == 200
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.screenshot(path=str(TARGET), full_page=False, animations="disabled", caret="hide")
    assert TARGET.read_bytes().startswith(PNG_SIGNATURE)
