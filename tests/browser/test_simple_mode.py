"""Simple mode and the guide's read-aloud button, in real headless Chromium.

- Turning simple mode on (through the real switch in the account) really renders larger text and taller tap
  targets, in English and in Urdu (right to left), and hides the longer navigation behind "More".
- "Read this aloud" shows only when the phone has a voice for the page's language: headless Chromium has none,
  so it stays hidden; given an Urdu voice, it shows, and speaks with lang ur-PK.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.support import NewContext, sign_in

ENLARGED = 1.2  # simple mode's text is at least this much larger
TAP_TARGET_PX = 48  # the usual minimum comfortable touch target

MEASURE = """() => {
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const button = document.querySelector('main .button');
  return {
    text: px(document.querySelector('main h1 ~ p, main p')),
    heading: px(document.querySelector('main h1')),
    button: button.getBoundingClientRect().height,
    dir: document.documentElement.dir,
    bodyClass: document.body.className,
    more: !!document.querySelector('.bar details.more'),
  };
}"""


def signed_in(new_context: NewContext, client: Any, language: str) -> Page:
    client.language = language
    client.save(update_fields=["language"])
    page = new_context().new_page()
    sign_in(page, client)
    return page


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ur", "rtl")])
def test_simple_mode_renders_larger_text_and_taller_buttons(
    new_context: NewContext, client_ayesha: Any, language: str, direction: str
) -> None:
    page = signed_in(new_context, client_ayesha, language)
    page.goto("/home/")
    before = page.evaluate(MEASURE)
    assert before["bodyClass"] == ""
    assert not before["more"]

    page.goto("/account/")
    with page.expect_navigation():
        page.click("form[action='/welcome/simple/'] button[type=submit]")
    page.goto("/home/")
    after = page.evaluate(MEASURE)

    assert after["dir"] == direction
    assert after["bodyClass"] == "simple"
    assert after["more"]
    assert after["text"] >= before["text"] * ENLARGED, (before, after)
    assert after["heading"] >= before["heading"] * ENLARGED, (before, after)
    assert after["button"] >= TAP_TARGET_PX, after


def test_more_opens_without_script_to_show_the_rest(new_context: NewContext, client_ayesha: Any) -> None:
    client_ayesha.simple_mode = True
    client_ayesha.save(update_fields=["simple_mode"])
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, client_ayesha)
    page.goto("/home/")
    account = page.locator(".bar details.more a[href='/account/']")
    assert not account.is_visible()
    page.click(".bar details.more summary")
    assert account.is_visible()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_read_aloud_stays_hidden_without_a_voice(new_context: NewContext, client_ayesha: Any, language: str) -> None:
    page = signed_in(new_context, client_ayesha, language)
    page.goto("/welcome/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # give voiceschanged its chance
    assert page.evaluate("speechSynthesis.getVoices().length") == 0  # headless Chromium: no voices
    assert page.locator("#say").is_hidden()


FAKE_URDU_VOICE = """(() => {
  window.__spoken = [];
  const voice = {lang: 'ur-PK', name: 'Urdu (test)', default: false, localService: true, voiceURI: 'ur'};
  speechSynthesis.getVoices = () => [voice];
  speechSynthesis.speak = (u) => window.__spoken.push({lang: u.lang, text: u.text});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
})()"""


def test_read_aloud_shows_with_an_urdu_voice_and_speaks_urdu(new_context: NewContext, client_ayesha: Any) -> None:
    context = new_context()
    context.add_init_script(FAKE_URDU_VOICE)
    page = context.new_page()
    client_ayesha.language = "ur"
    client_ayesha.save(update_fields=["language"])
    sign_in(page, client_ayesha)
    page.goto("/welcome/2/")
    say = page.locator("#say")
    say.wait_for(state="visible")
    say.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    assert spoken[0]["lang"] == "ur-PK"
    heading = page.locator("main h1").inner_text()
    assert heading in spoken[0]["text"]


def test_an_english_page_does_not_offer_an_urdu_voice(new_context: NewContext, client_ayesha: Any) -> None:
    context = new_context()
    context.add_init_script(FAKE_URDU_VOICE)
    page = context.new_page()
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    sign_in(page, client_ayesha)
    page.goto("/welcome/")
    page.wait_for_timeout(300)
    assert page.locator("#say").is_hidden()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_simple_mode_pages_have_no_accessibility_violations(
    new_context: NewContext, client_ayesha: Any, language: str
) -> None:
    from tests.browser.test_accessibility import violations

    client_ayesha.simple_mode = True
    client_ayesha.save(update_fields=["simple_mode"])
    page = signed_in(new_context, client_ayesha, language)
    found: dict[str, list[str]] = {}
    for path in ("/home/", "/welcome/", "/welcome/3/", "/account/"):
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found
