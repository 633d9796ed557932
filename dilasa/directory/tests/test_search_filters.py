"""Each search filter narrows the list; filters combine; the list pages by ten."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import Organisation, User
from dilasa.directory.models import Gender
from dilasa.directory.testing import make_listed_therapist


@pytest.fixture
def hina_listed(clinic_sukoon: Organisation) -> User:
    """Hina: a woman, Pashto/Urdu/English, trauma, video and in person, Rs 5000, open every day."""
    return make_listed_therapist(
        "hina@example.com",
        display_name="Hina",
        organisation=clinic_sukoon,
        gender=Gender.WOMAN,
        languages=("ps", "ur", "en"),
        specialities=("trauma",),
        modes=("video", "in_person"),
        fee=5000,
        open_every_day=True,
    )


@pytest.fixture
def fawad_listed(clinic_sukoon: Organisation) -> User:
    """Fawad: another gender, Saraiki, Rs 1500, with free weekly hours every day."""
    return make_listed_therapist(
        "fawad@example.com",
        display_name="Fawad",
        organisation=clinic_sukoon,
        gender=Gender.ANOTHER,
        languages=("skr",),
        fee=1500,
        free_hours=True,
    )


@pytest.fixture
def everyone(sana_listed: User, zubair_listed: User, hina_listed: User, fawad_listed: User) -> None:
    """Sana (woman, ur/pnb/en, Rs 3000 sliding to 1000, online, open daily), Zubair (man, sd/ur, free,
    voice/text, no hours), Hina and Fawad as above."""


def found(query: str) -> list[str]:
    response = Client().get(f"{reverse('directory:search')}?{query}")
    assert response.status_code == 200
    page = response.context["page"]
    assert page is not None, response.context["form"].errors
    return [t.display_name for t in page.object_list]


pytestmark = pytest.mark.usefixtures("everyone")


def test_no_filter_lists_everyone_by_name() -> None:
    assert found("") == ["Dr Sana", "Fawad", "Hina", "Zubair"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=sd", ["Zubair"]),
        ("language=pnb", ["Dr Sana"]),
        ("language=ur", ["Dr Sana", "Hina", "Zubair"]),
        ("language=bal", []),
        ("gender=woman", ["Dr Sana", "Hina"]),
        ("gender=man", ["Zubair"]),
        ("mode=in_person", ["Hina"]),
        ("mode=audio", ["Dr Sana", "Fawad", "Zubair"]),
        ("speciality=trauma", ["Hina"]),
        ("speciality=grief", ["Zubair"]),
    ],
)
def test_each_filter(query: str, expected: list[str]) -> None:
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Sana's sliding scale reaches down to 1000, so she fits a budget of 1500.
        ("fee_max=1500", ["Dr Sana", "Fawad", "Zubair"]),
        ("fee_max=500", ["Zubair"]),
        ("fee_min=2500", ["Dr Sana", "Hina"]),
        ("fee_min=1000&fee_max=2000", ["Dr Sana", "Fawad"]),
        # Free: a zero fee, or free weekly hours (Fawad).
        ("free_only=on", ["Fawad", "Zubair"]),
    ],
)
def test_fees(query: str, expected: list[str]) -> None:
    assert found(query) == expected


def test_available_in_the_next_7_days_keeps_those_with_open_times() -> None:
    assert found("available=on") == ["Dr Sana", "Fawad", "Hina"]


def test_available_follows_the_mode_asked_for() -> None:
    assert found("available=on&mode=in_person") == ["Hina"]
    assert found("available=on&mode=text") == ["Dr Sana", "Fawad"]


def test_filters_combine() -> None:
    assert found("language=ur&gender=woman&fee_max=2000") == ["Dr Sana"]
    assert found("language=ur&mode=video&speciality=trauma&available=on") == ["Hina"]
    assert found("language=ur&gender=man&free_only=on&mode=text") == ["Zubair"]
    assert found("language=pnb&gender=man") == []


def test_no_match_says_so() -> None:
    page = Client().get(f"{reverse('directory:search')}?language=bal").content.decode()
    assert "No one matches all of these yet" in page
