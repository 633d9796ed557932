"""In headless Chromium on a 360-pixel phone: a therapist reads a module, gets one answer wrong, reads why,
tries again and completes it; the module and the clinic's page have no axe-core violations, in English and Urdu.

The browser fixtures are this file's own (tests/browser/conftest.py serves only that package)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from dilasa.accounts.models import User
from dilasa.training.catalogue import module
from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "risk-at-a-distance"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not support.CHROMIUM.exists():
        if support.on_ci():
            pytest.fail(f"{support.CHROMIUM} not found; CI=true, so browser tests must run", pytrace=False)
        pytest.skip(f"{support.CHROMIUM} not found")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in tests/browser/conftest.py: ORM calls are sync here
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(support.CHROMIUM), args=support.CHROMIUM_ARGS, headless=True
            )
            yield launched
            launched.close()


@pytest.fixture
def phone(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport=support.PHONE, locale="en-US", bypass_csp=True)
    yield context.new_page()
    context.close()


def violations(page: Page) -> list[str]:
    results = Axe().run(
        page, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]}
    )
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


def signed_in(page: Page, user: User) -> None:
    user.language = "en"
    user.save(update_fields=["language"])
    support.add_authenticator(user)
    support.sign_in(page, user)


def test_a_therapist_completes_a_module_on_her_phone_after_one_wrong_answer(phone: Page, therapist_sana: User) -> None:
    found = module(SLUG)
    assert found is not None
    signed_in(phone, therapist_sana)
    phone.goto("/home/")
    phone.click("text=Learning: practising online")
    phone.click(f"text={found.texts['en'].title}")
    questions = found.texts["en"].questions
    first_wrong = next(c for c in questions[0].choices if not c.right)
    phone.check(f"input[name=q1][value={first_wrong.id}]")
    for q in questions[1:]:
        phone.check(f"input[name={q.id}][value={q.right_choice.id}]")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    assert phone.locator(f"text={questions[0].explanation}").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= support.PHONE["width"], "no sideways scroll"
    phone.check(f"input[name=q1][value={questions[0].right_choice.id}]")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    phone.locator("text=You completed this module on").wait_for()
    assert phone.locator("text=Well done: module completed.").is_visible()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_learning_pages_have_no_accessibility_violations(
    phone: Page, therapist_sana: User, admin_farah: User, language: str
) -> None:
    signed_in(phone, therapist_sana)
    phone.context.add_cookies([{"name": support.LANGUAGE_COOKIE, "value": language, "url": phone.url}])
    User.objects.filter(pk=therapist_sana.pk).update(language=language)
    found: dict[str, list[str]] = {}
    for path in ("/learning/", f"/learning/{SLUG}/"):
        phone.goto(path)
        if problems := violations(phone):
            found[path] = problems
    phone.context.clear_cookies()
    signed_in(phone, admin_farah)
    phone.goto("/clinic/learning/")
    if problems := violations(phone):
        found["/clinic/learning/"] = problems
    assert not found, found
