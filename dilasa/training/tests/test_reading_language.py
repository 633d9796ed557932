"""A module reads in Urdu for a therapist who reads the site in Urdu, in English otherwise (Punjabi, Sindhi and
Pashto readers are clinicians who read English), and either can switch with one link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db

URL = reverse("training:module", args=["rapport-on-screen"])
ENGLISH = "Building rapport through a screen"
URDU = "اسکرین کے ذریعے تعلق قائم کرنا"


@pytest.mark.parametrize(("language", "title"), [("ur", URDU), ("en", ENGLISH), ("pnb", ENGLISH), ("sd", ENGLISH)])
def test_the_module_is_in_urdu_for_urdu_readers_and_in_english_otherwise(
    therapist_sana: User, language: str, title: str
) -> None:
    therapist_sana.language = language
    therapist_sana.save()
    browser = signed_in_client(therapist_sana)
    browser.cookies["dilasa_lang"] = language
    body = browser.get(URL).content.decode()
    assert f"<h1>{title}</h1>" in body


def test_one_link_switches_the_module_to_the_other_language(sana: User) -> None:
    browser = signed_in_client(sana)
    assert f"<h1>{URDU}</h1>" in browser.get(URL + "?in=ur").content.decode()
    body = browser.get(URL).content.decode()
    assert 'href="?in=ur"' in body
    assert '<article lang="en" dir="ltr">' in body


def test_urdu_text_is_marked_right_to_left(sana: User) -> None:
    body = signed_in_client(sana).get(URL + "?in=ur").content.decode()
    assert '<article lang="ur" dir="rtl">' in body
