"""Answers that are not among the choices, missing answers, an unknown module, a module changed while it was
read: each gets a clear message (or 404), keeps what was chosen, and completes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.training.models import Completion
from dilasa.training.testing import right_answers

pytestmark = pytest.mark.django_db

SLUG = "privacy-at-home"
URL = reverse("training:module", args=[SLUG])


def test_an_answer_id_that_is_not_a_choice_is_refused_clearly(sana: User, sana_browser: Client) -> None:
    response = sana_browser.post(URL, right_answers(SLUG) | {"q2": "z'; drop table"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "That answer is not one of the choices. Please choose one of them." in body
    assert "drop table" not in body
    assert not Completion.objects.exists()


def test_a_missing_answer_is_asked_for(sana_browser: Client) -> None:
    data = right_answers(SLUG)
    del data["q3"]
    response = sana_browser.post(URL, data)
    assert response.status_code == 400
    assert "Please choose an answer." in response.content.decode()
    assert not Completion.objects.exists()


def test_unknown_question_ids_are_ignored_and_the_known_ones_decide(sana: User, sana_browser: Client) -> None:
    sana_browser.post(URL, right_answers(SLUG) | {"q9": "a", "q1x": "b"})
    assert Completion.objects.filter(user=sana, module=SLUG).count() == 1


def test_a_module_changed_while_she_read_it_is_not_completed(sana_browser: Client) -> None:
    response = sana_browser.post(URL, right_answers(SLUG) | {"version": "0ldversion00"})
    assert response.status_code == 400
    assert "This module was updated while you were reading it. Please read it again." in response.content.decode()
    assert not Completion.objects.exists()


def test_an_unknown_module_is_not_found(sana_browser: Client) -> None:
    assert sana_browser.get(reverse("training:module", args=["no-such-module"])).status_code == 404
    assert sana_browser.post(reverse("training:module", args=["no-such-module"]), {}).status_code == 404


def test_an_empty_post_changes_nothing(sana_browser: Client) -> None:
    assert sana_browser.post(URL, {}).status_code == 400
    assert not Completion.objects.exists()
