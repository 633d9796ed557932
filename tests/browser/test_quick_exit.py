"""Quick exit in real Chromium: the button, or Escape three times, leaves for a plain page and signs out.

After leaving: the tab shows the neutral page (our own, with nothing of us in it), Back does not bring the
last page's content back (it was never cached, and the session behind it is gone), and a fresh visit to
the client's home asks to sign in. The button sits at the bottom of the line's end: right in English,
left in Urdu.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import NewContext, sign_in

NEUTRAL = "/recipes/"
SIGNED_OUT_WITHIN_S = 5


def signed_in_on_two_pages(context: BrowserContext, client: Any) -> Page:
    """Ayesha, signed in, has read her messages and then gone home: two pages of hers in the tab's history."""
    page = context.new_page()
    sign_in(page, client)
    page.goto("/messages/")
    page.goto("/home/")
    assert client.display_name in page.content()
    return page


def assert_left(page: Page, context: BrowserContext, client: Any) -> None:
    page.wait_for_url(f"**{NEUTRAL}", timeout=5_000)
    assert page.title() == "Milk tea"
    assert "Dilasa" not in page.content()
    # The sign-out went as a beacon while the page changed: it lands within moments.
    deadline = time.monotonic() + SIGNED_OUT_WITHIN_S
    while context.request.get("/home/", max_redirects=0).status != 302:
        assert time.monotonic() < deadline, "still signed in after leaving"
        time.sleep(0.1)
    # Back: the page before is fetched again (never cached), and the server no longer knows the tab.
    page.evaluate("history.back()")
    page.wait_for_load_state()
    page.wait_for_timeout(300)  # a page restored from memory reloads itself (discreet.js, pageshow)
    page.wait_for_load_state()
    assert client.display_name not in page.content()
    assert "/sign-in/" in page.url, page.url
    # And a fresh visit to her home asks her to sign in.
    fresh = context.new_page()
    fresh.goto("/home/")
    assert "/sign-in/" in fresh.url


def test_the_button_leaves_and_signs_out(new_context: NewContext, client_ayesha: Any) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    context = new_context()
    page = signed_in_on_two_pages(context, client_ayesha)
    page.click("#qx button")
    assert_left(page, context, client_ayesha)


def test_escape_three_times_leaves_and_signs_out(new_context: NewContext, client_ayesha: Any) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    context = new_context()
    page = signed_in_on_two_pages(context, client_ayesha)
    # Two presses, a pause longer than two seconds, then one more: not three in a row, so nothing happens.
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_timeout(2_200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith("/home/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert_left(page, context, client_ayesha)


def test_without_script_the_button_still_leaves_and_signs_out(new_context: NewContext, client_ayesha: Any) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, client_ayesha)
    with page.expect_navigation():
        page.click("#qx button")
    assert page.url.endswith(NEUTRAL)
    assert context.request.get("/home/", max_redirects=0).status == 302


BUTTON_BOX = """() => {
  const r = document.querySelector('#qx button').getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {left: r.left, right: r.right, bottom: r.bottom, top: r.top,
          width: innerWidth, height: innerHeight, reachable: hit === document.querySelector('#qx button'),
          dir: document.documentElement.dir, label: document.querySelector('#qx button').textContent.trim()};
}"""


@pytest.mark.parametrize(("language", "side"), [("en", "right"), ("ur", "left")])
def test_the_button_sits_at_the_thumbs_end_in_each_direction(
    new_context: NewContext, client_ayesha: Any, language: str, side: str
) -> None:
    client_ayesha.language = language
    client_ayesha.save()
    context = new_context()
    page = context.new_page()
    sign_in(page, client_ayesha)
    page.goto("/messages/")
    box = page.evaluate(BUTTON_BOX)
    assert box["dir"] == ("rtl" if language == "ur" else "ltr")
    assert box["reachable"], box  # nothing covers it
    assert box["height"] - box["bottom"] < 24, box  # at the bottom, in the thumb's reach
    assert box["top"] >= 0
    assert box["left"] >= 0
    assert box["right"] <= box["width"]
    if side == "right":
        assert box["width"] - box["right"] < 24, box
    else:
        assert box["left"] < 24, box
    assert box["label"]
    # Scrolled to the very end, the footer's own controls are not hidden under it.
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    covered = page.evaluate(
        """() => [...document.querySelectorAll('.foot select, .foot button')].some((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return hit && hit.closest('#qx');
        })"""
    )
    assert not covered


# The shortest idle time a client can choose is two minutes; the test shortens the page's copy to one second
# (the server's own clock is tested in dilasa/accounts/tests/test_pin_lock.py).
SHORT_IDLE = """new MutationObserver(() => {
  const script = document.querySelector('script[data-lock]');
  if (script) script.dataset.lock = '1';
}).observe(document, {childList: true, subtree: true});"""


def test_a_page_left_alone_locks_itself_until_the_pin(new_context: NewContext, client_ayesha: Any) -> None:
    from dilasa.accounts.pin_lock import pin_set

    client_ayesha.language = "en"
    client_ayesha.save()
    pin_set(user=client_ayesha, pin="2468", idle_minutes=2)
    context = new_context()
    context.add_init_script(SHORT_IDLE)
    page = context.new_page()
    sign_in(page, client_ayesha)
    page.goto("/messages/")
    page.wait_for_url("**/unlock/?next=%2Fmessages%2F", timeout=15_000)  # no request needed: the page's timer
    assert page.title() == "Dilasa"
    assert client_ayesha.display_name not in page.content()
    # The server holds the lock too: another tab gets the PIN page, not her home.
    other = context.new_page()
    other.goto("/home/")
    assert "/unlock/" in other.url
    page.fill("input[name=pin]", "2468")
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert page.url.endswith("/messages/")
