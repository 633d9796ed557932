"""Simple mode is suggested, never forced, to a client whose once-only self-report says "new to it" or 65+.

The suggestion shows on her home, in the guide and in her account, until she answers it: "Turn on" or
"No, thank you". Nobody else sees it; a client who declined the self-report is not guessed about.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.live.services import about_me_save
from dilasa.onboarding.selectors import simple_mode_suggested
from dilasa.testing import signed_in_client

SUGGESTED = 'class="offer suggested"'
PAGES = ("accounts:home", "onboarding:guide", "accounts:account")


def pages_of(user: User) -> list[str]:
    browser = signed_in_client(user)
    return [browser.get(reverse(name)).content.decode() for name in PAGES]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age_band", "tech_comfort"),
    [("", "new"), ("65_up", ""), ("65_up", "very"), ("25_34", "new")],
)
def test_suggested_to_someone_new_to_phones_or_65_or_older(
    client_ayesha: User, age_band: str, tech_comfort: str
) -> None:
    about_me_save(client=client_ayesha, age_band=age_band, tech_comfort=tech_comfort)
    assert simple_mode_suggested(client_ayesha)
    for name, html in zip(PAGES, pages_of(client_ayesha), strict=True):
        assert SUGGESTED in html, name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age_band", "tech_comfort"),
    [("55_64", "some"), ("under_25", "comfortable"), ("", ""), ("45_54", "very")],
)
def test_not_suggested_otherwise(client_ayesha: User, age_band: str, tech_comfort: str) -> None:
    about_me_save(client=client_ayesha, age_band=age_band, tech_comfort=tech_comfort)
    assert not simple_mode_suggested(client_ayesha)
    assert all(SUGGESTED not in html for html in pages_of(client_ayesha))


@pytest.mark.django_db
def test_not_suggested_before_the_self_report_or_after_declining_it(client_ayesha: User, client_kamran: User) -> None:
    assert not simple_mode_suggested(client_ayesha)
    about_me_save(client=client_kamran, declined=True)
    assert not simple_mode_suggested(client_kamran)


@pytest.mark.django_db
def test_no_thank_you_ends_the_suggestion_and_leaves_simple_mode_off(client_ayesha: User) -> None:
    about_me_save(client=client_ayesha, age_band="65_up")
    browser = signed_in_client(client_ayesha)
    home = reverse("accounts:home")
    assert "No, thank you" in browser.get(home).content.decode() or SUGGESTED in browser.get(home).content.decode()
    browser.post(reverse("onboarding:simple_mode"), {"simple": "off", "next": home})
    client_ayesha.refresh_from_db()
    assert client_ayesha.simple_mode is False
    assert all(SUGGESTED not in html for html in pages_of(client_ayesha))


@pytest.mark.django_db
def test_turning_it_on_ends_the_suggestion(client_ayesha: User) -> None:
    about_me_save(client=client_ayesha, tech_comfort="new")
    signed_in_client(client_ayesha).post(reverse("onboarding:simple_mode"), {"simple": "on"})
    client_ayesha.refresh_from_db()
    assert client_ayesha.simple_mode
    assert not simple_mode_suggested(client_ayesha)


@pytest.mark.django_db
def test_never_suggested_to_staff(therapist_sana: User) -> None:
    assert not simple_mode_suggested(therapist_sana)
