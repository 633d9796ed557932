"""Simple mode: a client's choice, on or off, from the guide or the account.

On, every page says so with a body class (the CSS enlarges text and tap targets), the navigation keeps only
home, appointments, messages and help (the rest behind "More"), and pages that offer it use fewer, plainer words.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

HOME = reverse("accounts:home")
SWITCH = reverse("onboarding:simple_mode")


def main_nav(html: str) -> str:
    found = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S)
    assert found
    return found.group(1)


def top_level_links(nav: str) -> list[str]:
    """The links shown at once: those before the "More" menu."""
    return re.findall(r'<a href="([^"]+)"', nav.split("<details", 1)[0])


@pytest.fixture
def ayesha_en(client_ayesha: User) -> User:
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    return client_ayesha


def turn(browser: Client, state: str, next_url: str = HOME) -> None:
    response = browser.post(SWITCH, {"simple": state, "next": next_url})
    assert response.status_code == 302
    assert response.url == next_url


@pytest.mark.django_db
def test_simple_mode_is_off_for_a_new_client(ayesha_en: User) -> None:
    html = signed_in_client(ayesha_en).get(HOME).content.decode()
    assert "<body>" in html
    assert 'class="simple"' not in html
    assert "<details" not in main_nav(html)


@pytest.mark.django_db
def test_turning_it_on_marks_every_page_and_shortens_the_navigation(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    turn(browser, "on")
    ayesha_en.refresh_from_db()
    assert ayesha_en.simple_mode is True
    assert ayesha_en.simple_mode_chosen_at is not None
    for page in (HOME, reverse("scheduling:my_appointments"), reverse("onboarding:guide")):
        html = browser.get(page).content.decode()
        assert '<body class="simple">' in html, page
        nav = main_nav(html)
        assert top_level_links(nav) == [
            HOME,
            reverse("scheduling:my_appointments"),
            reverse("messaging:inbox"),
            reverse("safety:crisis"),
        ]
        more = nav.split("<details", 1)[1]
        assert "<summary>More</summary>" in more
        for hidden in ("directory:search", "techniques:mine", "outcomes:mine", "accounts:account", "accounts:logout"):
            assert reverse(hidden) in more, hidden


@pytest.mark.django_db
def test_turning_it_off_brings_everything_back(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    turn(browser, "on")
    turn(browser, "off", reverse("accounts:account"))
    html = browser.get(HOME).content.decode()
    assert "<body>" in html
    assert "<details" not in main_nav(html)
    assert reverse("directory:search") in top_level_links(main_nav(html))


@pytest.mark.django_db
def test_home_in_simple_mode_offers_fewer_bigger_choices_in_plain_words(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    assert reverse("directory:match") in browser.get(HOME).content.decode()
    turn(browser, "on")
    html = browser.get(HOME).content.decode()
    assert 'class="big-choices"' in html
    assert reverse("directory:match") not in html.split("</nav>", 1)[1]  # "Help me choose" goes


@pytest.mark.django_db
def test_the_guide_in_simple_mode_leaves_out_the_extra_detail(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    step = reverse("onboarding:guide_step", args=[1])
    assert "switches to voice or typing by itself" in browser.get(step).content.decode()
    turn(browser, "on", step)
    html = browser.get(step).content.decode()
    assert "switches to voice or typing by itself" not in html
    assert "Simple mode is on" in html  # and how to turn it off


@pytest.mark.django_db
def test_the_guide_and_the_account_both_offer_the_switch(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    for page in (reverse("onboarding:guide"), reverse("accounts:account")):
        html = browser.get(page).content.decode()
        assert f'action="{SWITCH}"' in html, page
        assert "Turn on simple mode" in html, page


@pytest.mark.django_db
def test_a_bad_value_or_a_foreign_return_address_changes_nothing_harmful(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    response = browser.post(SWITCH, {"simple": "maybe", "next": "https://elsewhere.example/"})
    assert response.url == HOME
    ayesha_en.refresh_from_db()
    assert ayesha_en.simple_mode is False
    assert ayesha_en.simple_mode_chosen_at is None


@pytest.mark.django_db
def test_staff_have_no_simple_mode_switch(therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    assert browser.post(SWITCH, {"simple": "on"}).status_code == 403
    assert f'action="{SWITCH}"' not in browser.get(reverse("accounts:account")).content.decode()
