"""Instrument texts are data with their source; no provisional text is ever labelled validated; a clinic
loads the validated text with a command that checks its structure first."""

from __future__ import annotations

import json
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dilasa.outcomes import scoring, texts
from dilasa.outcomes.models import InstrumentText

SHIPPED = sorted(texts.FOLDER.glob("*.toml"))


def test_every_instrument_ships_in_english_and_urdu() -> None:
    assert {p.name for p in SHIPPED} == {f"{i}.{lang}.toml" for i in scoring.INSTRUMENTS for lang in ("en", "ur")}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_text_matches_its_scale_and_names_its_source(path: Path) -> None:
    text = texts.read_file(path)
    scale = scoring.SCALES[text.instrument]
    assert len(text.items) == scale.items
    assert len(text.options) == scale.item_max + 1
    assert text.source
    assert f"{text.instrument}.{text.language}.toml" == path.name


def test_the_english_phq9_and_gad7_are_the_standard_forms() -> None:
    phq9, gad7 = texts.shipped("phq9", "en"), texts.shipped("gad7", "en")
    assert phq9.stem == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    assert phq9.options == gad7.options == ("Not at all", "Several days", "More than half the days", "Nearly every day")
    assert phq9.items[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert gad7.items[0] == "Feeling nervous, anxious, or on edge"
    assert phq9.validated
    assert gad7.validated
    assert "Pfizer" in phq9.source
    assert "Pfizer" in gad7.source


@pytest.mark.parametrize(
    ("instrument", "study"),
    [("phq9", "J Pak Med Assoc 2018;68(8):1166-70"), ("gad7", "J Pak Med Assoc 2017;67(10):1536-40")],
)
def test_the_urdu_texts_are_provisional_and_name_the_validated_study(instrument: str, study: str) -> None:
    text = texts.shipped(instrument, "ur")
    assert text.validated is False
    assert text.provisional
    assert study in text.validated_source
    assert "not the validated text" in text.source


def test_no_shipped_text_other_than_the_english_originals_claims_to_be_validated() -> None:
    claims = {(t.instrument, t.language) for t in map(texts.read_file, SHIPPED) if t.validated}
    assert claims == {("phq9", "en"), ("gad7", "en")}


def test_readers_of_other_pakistani_languages_get_urdu_and_others_english() -> None:
    assert texts.reading_language("pnb") == texts.reading_language("sd") == texts.reading_language("ps") == "ur"
    assert texts.reading_language("") == texts.reading_language("fr") == "en"


def _file(tmp_path: Path, **changes: object) -> Path:
    data = tomllib.loads((texts.FOLDER / "phq9.ur.toml").read_text()) | {
        "version": "ahmad-2018",
        "validated": True,
        "source": "Ahmad et al., J Pak Med Assoc 2018;68(8):1166-70 (the clinic's copy)",
        "validated_source": "",
        "stem": "VALIDATED STEM",
    }
    data |= changes
    path = tmp_path / "phq9.ur.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


@pytest.mark.django_db
def test_a_clinic_loads_the_validated_text_and_readers_get_it(tmp_path: Path) -> None:
    out = StringIO()
    call_command("load_instrument_text", str(_file(tmp_path)), stdout=out)
    assert "Loaded phq9.ur version ahmad-2018, 9 items, validated" in out.getvalue()
    text = texts.text_for("phq9", "ur")
    assert (text.stem, text.validated, text.provisional) == ("VALIDATED STEM", True, False)
    assert texts.text_for("phq9", "pnb").stem == "VALIDATED STEM"
    assert texts.text_for("phq9", "en").stem.startswith("Over the last 2 weeks")


@pytest.mark.django_db
def test_a_dry_run_checks_and_changes_nothing(tmp_path: Path) -> None:
    out = StringIO()
    call_command("load_instrument_text", str(_file(tmp_path)), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue()
    assert not InstrumentText.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"items": ["one"] * 8}, "'items' must have 9 entries, found 8"),
        ({"items": ["one"] * 10}, "'items' must have 9 entries, found 10"),
        ({"options": ["a", "b", "c"]}, "'options' must have 4 entries, found 3"),
        ({"items": ["one"] * 8 + [""]}, "'items' entry 9 is missing or empty"),
        ({"instrument": "phq10"}, "unknown instrument"),
        ({"language": "fr"}, "language must be one of"),
        ({"validated": "yes"}, "'validated' must be true or false"),
        ({"source": ""}, "'source' is missing or empty"),
        ({"scoring": [1, 2]}, "unknown keys: scoring"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_and_nothing_changes(
    tmp_path: Path, changes: dict[str, object], why: str
) -> None:
    with pytest.raises(CommandError, match=why):
        call_command("load_instrument_text", str(_file(tmp_path, **changes)))
    assert not InstrumentText.objects.exists()
    assert texts.text_for("phq9", "ur").provisional


def test_a_missing_or_unreadable_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_instrument_text", str(tmp_path / "nothing.toml"))
    broken = tmp_path / "broken.toml"
    broken.write_text("instrument = ")
    with pytest.raises(CommandError, match=r"cannot read broken\.toml"):
        call_command("load_instrument_text", str(broken))
