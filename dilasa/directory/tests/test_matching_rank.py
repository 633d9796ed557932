"""The matching function: hard requirements filter, soft preferences order, reasons in plain words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.utils import translation

from dilasa.directory.matching import Candidate, Preferences, eligible, rank

SANA = Candidate(
    therapist_id=1,
    name="Sana",
    gender="woman",
    languages=frozenset({"ur", "pnb", "en"}),
    modes=frozenset({"video", "audio", "text"}),
    fee=3000,
    lowest_fee=1000,
    free_hours=False,
    specialities=frozenset({"anxiety", "sleep", "depression"}),
)
BILAL = Candidate(
    therapist_id=2,
    name="Bilal",
    gender="man",
    languages=frozenset({"sd", "ur", "en"}),
    modes=frozenset({"audio", "text"}),
    fee=2000,
    lowest_fee=2000,
    free_hours=False,
    specialities=frozenset({"grief", "family", "anxiety"}),
)
HINA = Candidate(
    therapist_id=3,
    name="Hina",
    gender="woman",
    languages=frozenset({"ps", "ur"}),
    modes=frozenset({"video", "in_person"}),
    fee=0,
    lowest_fee=0,
    free_hours=False,
    specialities=frozenset({"trauma"}),
)
ALL = (SANA, BILAL, HINA)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def names(preferences: Preferences, candidates=ALL) -> list[str]:
    return [m.candidate.name for m in rank(candidates, preferences)]


def reasons(preferences: Preferences, candidate: Candidate) -> tuple[str, ...]:
    (match,) = rank([candidate], preferences)
    return match.reasons


def test_no_answers_keeps_everyone_in_name_order() -> None:
    assert names(Preferences()) == ["Bilal", "Hina", "Sana"]


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [
        (Preferences(language="sd"), ["Bilal"]),
        (Preferences(language="ur"), ["Bilal", "Hina", "Sana"]),
        (Preferences(language="bal"), []),
        (Preferences(gender="woman"), ["Hina", "Sana"]),
        (Preferences(gender="man"), ["Bilal"]),
        (Preferences(mode="in_person"), ["Hina"]),
        (Preferences(mode="audio"), ["Bilal", "Sana"]),
        (Preferences(budget=1500), ["Hina", "Sana"]),  # Sana's sliding scale goes down to 1000
        (Preferences(budget=0), ["Hina"]),
        (Preferences(free_only=True), ["Hina"]),
    ],
)
def test_hard_requirements_leave_out_who_does_not_meet_them(preferences: Preferences, expected: list[str]) -> None:
    assert names(preferences) == expected


def test_free_hours_count_as_free_and_within_any_budget() -> None:
    pricey = replace(BILAL, fee=8000, lowest_fee=8000, free_hours=True)
    assert eligible(pricey, Preferences(free_only=True))
    assert eligible(pricey, Preferences(budget=100))
    assert reasons(Preferences(budget=100), pricey)[-1] == "Offers some free sessions"


def test_shared_concerns_rank_higher() -> None:
    assert names(Preferences(concerns=frozenset({"anxiety", "sleep"}))) == ["Sana", "Bilal", "Hina"]
    assert names(Preferences(concerns=frozenset({"trauma"}))) == ["Hina", "Bilal", "Sana"]


def test_open_times_this_week_count_but_less_than_a_shared_concern() -> None:
    soon_bilal = replace(BILAL, has_times_soon=True)
    candidates = (SANA, soon_bilal, HINA)
    assert names(Preferences(), candidates) == ["Bilal", "Hina", "Sana"]
    assert names(Preferences(concerns=frozenset({"sleep"})), candidates) == ["Sana", "Bilal", "Hina"]
    assert names(Preferences(concerns=frozenset({"anxiety"})), candidates)[:2] == ["Bilal", "Sana"]


def test_not_sure_adds_nothing() -> None:
    assert names(Preferences(concerns=frozenset())) == names(Preferences())


def test_ties_break_on_name_then_id_whatever_the_input_order() -> None:
    twin = replace(SANA, therapist_id=9)
    forwards = rank([twin, SANA, BILAL], Preferences(language="ur"))
    backwards = rank([BILAL, SANA, twin], Preferences(language="ur"))
    assert [m.candidate.therapist_id for m in forwards] == [2, 1, 9]
    assert [m.candidate.therapist_id for m in backwards] == [2, 1, 9]


def test_reasons_say_why_in_plain_words() -> None:
    asked = Preferences(
        concerns=frozenset({"anxiety", "sleep"}), language="ur", gender="woman", mode="audio", budget=1500
    )
    assert reasons(asked, replace(SANA, has_times_soon=True)) == (
        "Speaks Urdu",
        "A woman, as you asked",
        "Offers voice-only sessions",
        "Within your budget on a sliding scale",
        "Works with: Anxiety and worry",
        "Works with: Sleep",
        "Has times this week",
    )
    assert reasons(Preferences(free_only=True, mode="in_person"), HINA) == (
        "Sees clients in person",
        "Offers free sessions",
    )
    assert reasons(Preferences(budget=2000, gender="man"), BILAL) == ("A man, as you asked", "Within your budget")
