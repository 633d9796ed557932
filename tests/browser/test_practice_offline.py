"""Practice in real headless Chromium: an exercise opened online can be filled in with no connection and is
sent, once, when the connection returns (held in the open page's memory only); the breathing pacer runs
with no connection and, with reduced motion, changes only its words."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.support import NewContext, sign_in


def english(user: Any) -> Any:
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def fill_thought_record(page: Page) -> None:
    page.fill("#id_situation", "On the bus")
    page.fill("#id_thought", "Everyone is looking at me")
    page.fill("#id_feeling", "embarrassed")
    page.fill("#id_strength", "70")
    page.fill("#id_against", "Most people were on their phones")
    page.fill("#id_balanced", "People are busy with their own day")
    page.fill("#id_strength_after", "30")


def test_filled_in_offline_it_is_sent_once_when_the_connection_returns(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.techniques.models import Entry
    from dilasa.techniques.testing import given

    item = given(english(client_ayesha), therapist_sana)
    page = new_context(bypass_csp=False).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, client_ayesha)
    page.goto(f"/practice/do/{item.pk}/")  # opened while online

    page.context.set_offline(True)
    fill_thought_record(page)
    page.click("#entry button[type=submit]")
    page.click("#entry button[type=submit]")  # pressed twice, still offline
    status = page.inner_text("#queue")
    assert "No connection" in status
    assert "kept on this open page only" in status
    assert Entry.objects.count() == 0

    with page.expect_navigation():
        page.context.set_offline(False)
    assert "Saved." in page.inner_text("main")
    assert "People are busy with their own day" in page.inner_text("main")
    assert Entry.objects.filter(assignment=item).count() == 1
    storage = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert storage == [0, 0]
    assert not errors


def test_online_the_form_posts_as_usual_without_the_script(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.techniques.models import Entry
    from dilasa.techniques.testing import given

    item = given(english(client_ayesha), therapist_sana)
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, client_ayesha)
    page.goto(f"/practice/do/{item.pk}/")
    fill_thought_record(page)
    page.fill("#id_strength", "")  # a mistake: what was written comes back
    with page.expect_navigation():
        page.click("#entry button[type=submit]")
    assert page.input_value("#id_balanced") == "People are busy with their own day"
    page.fill("#id_strength", "70")
    with page.expect_navigation():
        page.click("#entry button[type=submit]")
    assert Entry.objects.filter(assignment=item).count() == 1


def test_the_breathing_pacer_runs_with_no_connection(new_context: NewContext, client_ayesha: Any) -> None:
    page = new_context(bypass_csp=False).new_page()
    sign_in(page, english(client_ayesha))
    page.goto("/practice/breathing/")
    page.context.set_offline(True)
    page.click(".pacer button")
    page.wait_for_timeout(1200)
    first = page.inner_text(".cue")
    page.wait_for_timeout(1000)
    assert first.startswith("Breathe in")
    assert page.inner_text(".cue") != first  # it counts on
    assert page.evaluate("getComputedStyle(document.querySelector('.ring')).animationName") == "breathe"
    page.click(".pacer button")  # pause
    assert page.inner_text(".pacer button") == "Start"


def test_with_reduced_motion_the_circle_stays_still_and_the_words_still_count(
    new_context: NewContext, client_ayesha: Any
) -> None:
    page = new_context(reduced_motion="reduce").new_page()
    sign_in(page, english(client_ayesha))
    page.goto("/practice/breathing/")
    page.click(".pacer button")
    page.wait_for_timeout(1100)
    assert page.evaluate("getComputedStyle(document.querySelector('.ring')).animationName") == "none"
    assert page.inner_text(".cue").startswith("Breathe in")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_practice_pages_have_no_accessibility_violations(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any, language: str
) -> None:
    from dilasa.techniques import access
    from dilasa.techniques.testing import filled, given
    from tests.browser.test_accessibility import violations

    client_ayesha.language = language
    client_ayesha.save(update_fields=["language"])
    item = given(client_ayesha, therapist_sana, note="Once a day")
    access.review(user=therapist_sana, entry_id=filled(item).entry.pk, comment="Good")
    page = new_context().new_page()
    sign_in(page, client_ayesha)
    found: dict[str, list[str]] = {}
    for path in ("/practice/", f"/practice/do/{item.pk}/", "/practice/breathing/", "/practice/planner/"):
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found


def test_the_therapists_practice_pages_have_no_accessibility_violations(
    new_context: NewContext, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.techniques.testing import filled, given
    from tests.browser.support import add_authenticator
    from tests.browser.test_accessibility import violations

    filled(given(client_ayesha, therapist_sana, note="Once a day"))
    add_authenticator(therapist_sana)
    page = new_context().new_page()
    sign_in(page, therapist_sana)
    found: dict[str, list[str]] = {}
    for path in ("/practice/", f"/people/{client_ayesha.pk}/practice/"):
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found
