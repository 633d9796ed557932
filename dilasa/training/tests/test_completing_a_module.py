"""A therapist reads a module on her phone and answers its three questions: all right completes it (with the
date and the version); a wrong answer shows its explanation and completes nothing; she can try again."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client
from dilasa.training.catalogue import module
from dilasa.training.models import Completion
from dilasa.training.testing import right_answers

pytestmark = pytest.mark.django_db

SLUG = "risk-at-a-distance"
URL = reverse("training:module", args=[SLUG])


def wrong_first_answer() -> dict[str, str]:
    found = module(SLUG)
    assert found is not None
    first = found.texts["en"].questions[0]
    wrong = next(c.id for c in first.choices if not c.right)
    return right_answers(SLUG) | {first.id: wrong}


def test_the_module_page_shows_the_guidance_and_three_questions(sana_browser: Client) -> None:
    page = sana_browser.get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Safety planning at a distance" in body
    assert "Rescue 1122" in body
    assert body.count("<fieldset") == 3
    assert "no-store" in page["Cache-Control"]


def test_all_answers_right_completes_the_module_with_date_and_version(sana: User, sana_browser: Client) -> None:
    response = sana_browser.post(URL, right_answers(SLUG), follow=True)
    completion = Completion.objects.get(user=sana, module=SLUG)
    found = module(SLUG)
    assert found is not None
    assert completion.version == found.version
    assert completion.completed_at is not None
    assert "module completed" in response.content.decode()
    assert "You completed this module on" in response.content.decode()


def test_a_wrong_answer_shows_its_explanation_and_completes_nothing(sana: User, sana_browser: Client) -> None:
    response = sana_browser.post(URL, wrong_first_answer())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not quite." in body
    assert "Emergency help must go to where the client is now" in body  # the first question's explanation
    assert "Because immediate danger" not in body
    assert body.count("Not quite.") == 1, "only the wrong question is explained"
    assert "Try again" in body
    assert not Completion.objects.filter(user=sana).exists()


def test_after_a_wrong_answer_she_can_try_again_and_complete(sana: User, sana_browser: Client) -> None:
    sana_browser.post(URL, wrong_first_answer())
    sana_browser.post(URL, wrong_first_answer())
    sana_browser.post(URL, right_answers(SLUG))
    assert Completion.objects.filter(user=sana, module=SLUG).count() == 1


def test_her_answers_are_kept_when_one_is_wrong(sana_browser: Client) -> None:
    data = wrong_first_answer()
    body = sana_browser.post(URL, data).content.decode()
    for question, choice in data.items():
        if question.startswith("q"):
            assert re.search(rf'name="{question}" value="{choice}"[^>]*checked', body), question
    assert body.count(" checked") == 3


def test_submitting_twice_completes_once_and_says_so(sana: User, sana_browser: Client) -> None:
    sana_browser.post(URL, right_answers(SLUG))
    first = Completion.objects.get(user=sana, module=SLUG)
    again = sana_browser.post(URL, right_answers(SLUG), follow=True)
    assert again.status_code == 200
    assert "You had already completed this module. Nothing changed." in again.content.decode()
    assert list(Completion.objects.filter(user=sana, module=SLUG)) == [first]
    assert Completion.objects.get(pk=first.pk).completed_at == first.completed_at


def test_only_therapists_take_modules(client_kamran: User, admin_farah: User) -> None:
    for user in (client_kamran, admin_farah):
        browser = signed_in_client(user)
        assert browser.get(URL).status_code == 403
        assert browser.post(URL, right_answers(SLUG)).status_code == 403
    assert Client().get(URL).status_code == 302  # to sign in
    assert not Completion.objects.exists()


def test_an_unverified_therapist_can_learn_before_the_clinic_verifies_her(therapist_bilal: User) -> None:
    signed_in_client(therapist_bilal).post(URL, right_answers(SLUG))
    assert Completion.objects.filter(user=therapist_bilal, module=SLUG).exists()


def test_her_own_list_shows_what_she_completed(sana: User, sana_browser: Client) -> None:
    sana_browser.post(URL, right_answers(SLUG))
    body = sana_browser.get(reverse("training:index")).content.decode()
    assert "You have completed 1 of 5." in body
    assert body.count("Completed on") == 1
