"""The help page opens with no network, in real headless Chromium: any first visit installs the service worker,
which keeps the help page (the copy anyone would see, in the reader's language) and its styles.
A signed-in client's "I need help now" works from the page itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.support import NewContext, sign_in

KEPT = "caches.match('/help/').then((r) => Boolean(r))"


def wait_until_kept(page: Page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(f"() => {KEPT}", timeout=15_000)


def open_offline(page: Page) -> dict[str, Any]:
    page.context.set_offline(True)
    try:
        page.goto("/help/")
        return dict(
            page.evaluate(
                """() => ({
                    lang: document.documentElement.lang,
                    text: document.body.innerText,
                    tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
                    styled: [...document.styleSheets].filter((s) => s.cssRules.length > 0).length,
                    helpNow: document.querySelector('form[action="/help/now/"]') !== null,
                })"""
            )
        )
    finally:
        page.context.set_offline(False)


@pytest.mark.parametrize(("language", "expected"), [("en", "en"), ("ur", "ur")])
def test_after_any_first_visit_the_help_page_opens_offline_in_the_readers_language(
    new_context: NewContext, language: str, expected: str
) -> None:
    context = new_context(language=language, bypass_csp=False)  # under the real Content-Security-Policy
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/")  # the landing page, not the help page
    wait_until_kept(page)

    shown = open_offline(page)

    assert shown["lang"] == expected
    assert {"tel:1122", "tel:15", "tel:+923117786264", "tel:1166", "tel:1282"} <= set(shown["tel"])
    assert shown["styled"] >= 1  # app.css (the help control's styles are in it), from the worker's cache
    if language == "en":
        assert "Stay with someone you trust" in shown["text"]
    assert not errors


def test_a_client_presses_the_button_and_the_copy_kept_offline_holds_nothing_of_hers(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.messaging.testing import put_in_care
    from dilasa.safety.models import Flag

    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    put_in_care(client_ayesha, therapist_sana)
    page = new_context(bypass_csp=False).new_page()
    sign_in(page, client_ayesha)

    with page.expect_navigation():
        page.click(".helpnow button")  # the control on every page

    assert page.url.endswith("/help/")
    assert "Your therapist and your clinic have been told" in page.inner_text("main")
    assert Flag.objects.filter(client=client_ayesha, source="help_button").count() == 1
    wait_until_kept(page)
    shown = open_offline(page)
    assert "tel:1122" in shown["tel"]
    assert "Ayesha" not in shown["text"]
    assert not shown["helpNow"]  # no form to post when nothing can be posted


def test_without_javascript_the_button_still_raises_the_request_and_shows_help(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.messaging.testing import put_in_care
    from dilasa.safety.models import Flag

    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    put_in_care(client_ayesha, therapist_sana)
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, client_ayesha)

    with page.expect_navigation():
        page.click(".helpnow button")

    assert page.url.endswith("/help/")
    assert "Your therapist and your clinic have been told" in page.inner_text("main")
    assert page.locator('a[href="tel:1122"]').count() >= 1
    assert Flag.objects.filter(client=client_ayesha, source="help_button").count() == 1
