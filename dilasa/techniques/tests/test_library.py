"""The library is data: six techniques, each explained and labelled in English and in Urdu, and each form is
built from its fields."""

from __future__ import annotations

import re

from dilasa.techniques.forms import EntryForm
from dilasa.techniques.library import EN, LIBRARY, UR, words_for

URDU_LETTERS = re.compile(r"[\u0600-\u06FF]")


def test_the_library_holds_the_six_techniques() -> None:
    assert set(LIBRARY) == {"thoughts", "breathing", "grounding", "diary", "planner", "worry-time"}
    assert [f.name for f in LIBRARY["thoughts"].fields] == [
        "situation",
        "thought",
        "feeling",
        "strength",
        "for",
        "against",
        "balanced",
        "strength_after",
    ]
    assert LIBRARY["breathing"].pacer


def test_every_technique_is_explained_and_labelled_in_english_and_urdu() -> None:
    for slug, technique in LIBRARY.items():
        for words in (EN[slug], UR[slug]):
            assert words.title
            assert words.summary
            assert words.explain
            assert set(words.labels) == {f.name for f in technique.fields}
        urdu = UR[slug]
        for text in (urdu.summary, *urdu.explain, *urdu.labels.values()):
            assert URDU_LETTERS.search(text), f"{slug}: {text!r} is not in Urdu"


def test_english_readers_get_english_and_everyone_else_urdu() -> None:
    assert words_for("grounding", "en") is EN["grounding"]
    assert words_for("grounding", "ur") is UR["grounding"]
    assert words_for("grounding", "sd") is UR["grounding"]


def test_the_form_of_a_technique_is_built_from_its_fields() -> None:
    form = EntryForm(technique="planner", words=UR["planner"])
    assert [b.name for b in form.parts()] == ["activity", "when", "pleasure", "mastery", "done"]
    assert form.fields["pleasure"].label == UR["planner"].labels["pleasure"]


def test_urdu_digits_count_as_numbers_on_the_form() -> None:
    form = EntryForm(
        {"submission_id": "8c1d3a3e-7e55-4f4a-9d3c-3f5a8b1c2d4e", "when": "۰۸:۳۰", "activity": "walk", "mood": "۷"},
        technique="diary",
        words=EN["diary"],
    )
    assert form.is_valid(), form.errors
    assert form.values() == {"when": "08:30", "activity": "walk", "mood": 7}
