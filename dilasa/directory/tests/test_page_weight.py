"""Each directory page fits the budget with realistic data: HTML ≤ 14 KB and ≤ 30 KB cold load, compressed."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import Organisation, User
from dilasa.directory.demo import BILAL, SANA
from dilasa.directory.models import Gender
from dilasa.directory.services import profile_set_photo
from dilasa.directory.testing import PNG, give_practice, give_profile, make_listed_therapist
from dilasa.testing import signed_in_client
from tests.test_page_budget import HTML_BUDGET, PAGE_BUDGET, weigh

ALL_TOPICS = ("anxiety", "depression", "stress", "relationships", "family", "grief", "trauma", "self-esteem")
LONG_BIOS = {
    "ur": (SANA.bios["ur"] * 3)[:1200],
    "en": (SANA.bios["en"] * 3)[:1200],
    "sd": (BILAL.bios["sd"] * 3)[:1200],
    "pnb": (BILAL.bios["ur"] * 3)[:1200],
}


@pytest.fixture
def crowded(clinic_sukoon: Organisation, therapist_sana: User) -> User:
    """Twelve listed therapists with long names, many languages and topics; Sana with four full bios and a photo."""
    for i in range(12):
        make_listed_therapist(
            f"t{i}@example.com",
            display_name=f"Dr Therapist With A Long Name {i:02d}",
            organisation=clinic_sukoon,
            gender=Gender.WOMAN if i % 2 else Gender.MAN,
            languages=("ur", "en", "pnb", "sd", "ps"),
            specialities=ALL_TOPICS,
            city="Dera Ghazi Khan",
            floor=500,
            free_hours=True,
        )
    give_profile(therapist_sana, languages=tuple(LONG_BIOS), specialities=ALL_TOPICS, bios=LONG_BIOS)
    give_practice(therapist_sana, modes=("video", "audio", "text", "in_person"), floor=0, open_every_day=True)
    profile_set_photo(therapist=therapist_sana, data=PNG)
    return therapist_sana


def check(client: Client, url: str, language: str) -> None:
    client.cookies["dilasa_lang"] = language
    weight = weigh(client, url)
    print(f"\n{url[:40]:<40} {language}  html {weight.html:>6} B  total {weight.total:>6} B")  # noqa: T201
    assert weight.html <= HTML_BUDGET, f"{url} {language}: HTML {weight.html} B"
    assert weight.total <= PAGE_BUDGET, f"{url} {language}: cold load {weight.total} B"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_search_page_with_a_full_page_of_results(crowded: User, language: str) -> None:
    check(Client(), reverse("directory:search"), language)
    check(Client(), f"{reverse('directory:search')}?fee_min=abc&fee_max=-1&language=xx", language)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_profile_page_with_four_full_bios(crowded: User, language: str) -> None:
    check(Client(), reverse("directory:therapist", args=[crowded.pk]), language)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_questionnaire_and_its_results(crowded: User, language: str) -> None:
    client = Client()
    check(client, reverse("directory:match"), language)
    response = client.post(reverse("directory:match"), {"concerns": list(ALL_TOPICS)}, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    body = response.content if response.get("Content-Encoding") == "gzip" else gzip.compress(response.content)
    assert len(body) <= HTML_BUDGET - 1024  # leave room for headers


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_edit_page_and_preview_with_every_bio(crowded: User, language: str) -> None:
    client = signed_in_client(crowded)
    check(client, reverse("directory:profile_edit"), language)
    check(client, reverse("directory:profile_preview"), language)
