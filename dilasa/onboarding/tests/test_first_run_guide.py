"""A new client is offered a four-screen guide on their home until they finish or skip it; staff never are.

The guide works without JavaScript: Next and Back are links, Skip and Finish are forms. Finishing or skipping
is stored on the account (a setting, not clinical data), and the guide stays reachable from the account page.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

HOME = reverse("accounts:home")
GUIDE_OFFER = 'id="first-run-title"'


def step(n: int) -> str:
    return reverse("onboarding:guide_step", args=[n])


def english(user: User) -> User:
    user.language = "en"
    user.save(update_fields=["language"])
    return user


@pytest.mark.django_db
def test_a_new_client_is_offered_the_guide_on_her_home(client_ayesha: User) -> None:
    home = signed_in_client(english(client_ayesha)).get(HOME).content.decode()
    assert GUIDE_OFFER in home
    assert f'href="{reverse("onboarding:guide")}"' in home
    assert f'action="{reverse("onboarding:guide_done")}"' in home  # Skip, right there


@pytest.mark.django_db
def test_staff_are_never_offered_the_guide_and_cannot_open_it(therapist_sana: User, admin_farah: User) -> None:
    therapist = signed_in_client(therapist_sana)
    assert GUIDE_OFFER not in therapist.get(HOME).content.decode()
    assert therapist.get(reverse("onboarding:guide")).status_code == 403
    assert signed_in_client(admin_farah).get(step(2)).status_code == 403
    assert therapist.post(reverse("onboarding:guide_done")).status_code == 403


@pytest.mark.django_db
def test_the_four_screens_cover_a_session_privacy_the_connection_and_help(client_ayesha: User) -> None:
    browser = signed_in_client(english(client_ayesha))
    pages = [browser.get(step(n)).content.decode() for n in (1, 2, 3, 4)]
    assert "waiting room" in pages[0]
    assert "Tap how you feel" in pages[0]
    assert reverse("audit:my_access") in pages[1]
    assert reverse("accounts:screen") in pages[1]
    assert "PIN" in pages[1]
    assert "encrypted" in pages[1]
    assert reverse("live:check") in pages[2]
    assert "Voice only" in pages[2]
    assert reverse("safety:crisis") in pages[3]
    assert "I need help now" in pages[3]
    assert "How a session works" in browser.get(reverse("onboarding:guide")).content.decode()  # the first screen


@pytest.mark.django_db
def test_next_and_back_are_plain_links_and_skip_is_a_plain_form(client_ayesha: User) -> None:
    browser = signed_in_client(english(client_ayesha))
    first = browser.get(step(1)).content.decode()
    assert f'href="{step(2)}" rel="next"' in first
    assert 'rel="prev"' not in first  # nothing before the first screen
    middle = browser.get(step(2)).content.decode()
    assert f'href="{step(1)}" rel="prev"' in middle
    assert f'href="{step(3)}" rel="next"' in middle
    assert re.search(rf'<form method="post" action="{reverse("onboarding:guide_done")}">.*Skip the guide', middle)
    last = browser.get(step(4)).content.decode()
    assert 'rel="next"' not in last
    assert "Finish" in last
    assert "Skip the guide" not in last
    assert "Step 4 of 4" in last
    assert browser.get(step(5)).status_code == 404
    assert browser.get(step(0)).status_code == 404


@pytest.mark.django_db
def test_finishing_is_stored_and_the_guide_is_not_offered_again(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    response = browser.post(reverse("onboarding:guide_done"))
    assert response.status_code == 302
    assert response.url == HOME
    client_ayesha.refresh_from_db()
    assert client_ayesha.guide_done_at is not None
    assert GUIDE_OFFER not in browser.get(HOME).content.decode()
    assert signed_in_client(client_ayesha).get(HOME).content.decode().count(GUIDE_OFFER) == 0  # on another phone too


@pytest.mark.django_db
def test_skipping_counts_as_done_and_a_second_finish_keeps_the_first_time(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    browser.post(reverse("onboarding:guide_done"))
    client_ayesha.refresh_from_db()
    first = client_ayesha.guide_done_at
    browser.post(reverse("onboarding:guide_done"))
    client_ayesha.refresh_from_db()
    assert client_ayesha.guide_done_at == first


@pytest.mark.django_db
def test_the_guide_can_be_opened_again_from_the_account(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    browser.post(reverse("onboarding:guide_done"))
    assert f'href="{reverse("onboarding:guide")}"' in browser.get(reverse("accounts:account")).content.decode()
    assert browser.get(reverse("onboarding:guide")).status_code == 200


@pytest.mark.django_db
def test_the_guide_needs_a_signed_in_person_and_finishing_needs_a_post(client_ayesha: User) -> None:
    from django.test import Client

    assert Client().get(reverse("onboarding:guide")).url.startswith(reverse("accounts:login"))
    assert signed_in_client(client_ayesha).get(reverse("onboarding:guide_done")).status_code == 405


@pytest.mark.django_db
def test_the_read_aloud_button_starts_hidden_and_names_the_language_to_speak(client_ayesha: User) -> None:
    urdu = signed_in_client(client_ayesha).get(step(1)).content.decode()
    assert re.search(r'<button type="button" id="say"[^>]*data-lang="ur-PK"[^>]*hidden>', urdu)
    assert "onboarding/say.js" in urdu
