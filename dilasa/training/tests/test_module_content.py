"""The modules are data: each in English and Urdu, 300-600 words of English guidance, three questions with
exactly one right answer, and the same questions and answers in both languages. A broken file fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from dilasa.training import catalogue
from dilasa.training.catalogue import LANGUAGES, ModuleError, load_module, modules

SLUGS = [m.slug for m in modules()]


def test_the_five_modules_of_the_brief_are_there() -> None:
    assert SLUGS == [
        "rapport-on-screen",
        "cues-without-a-face",
        "risk-at-a-distance",
        "privacy-at-home",
        "techniques-on-screen",
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_module_is_written_in_english_and_urdu(slug: str) -> None:
    module = load_module(slug)
    assert set(module.texts) == set(LANGUAGES) == {"en", "ur"}
    urdu = module.texts["ur"]
    arabic_script = sum("\u0600" <= ch <= "\u06ff" for ch in urdu.body)
    assert arabic_script > len(urdu.body) // 2, "the Urdu text is in Urdu script"
    assert urdu.title != module.texts["en"].title


@pytest.mark.parametrize("slug", SLUGS)
def test_the_guidance_is_300_to_600_words(slug: str) -> None:
    words = len(load_module(slug).texts["en"].body.split())
    assert 300 <= words <= 600, words


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_three_questions_each_with_exactly_one_right_answer_and_an_explanation(slug: str, language: str) -> None:
    text = load_module(slug).texts[language]
    assert len(text.questions) == 3
    for question in text.questions:
        assert sum(choice.right for choice in question.choices) == 1
        assert len(question.choices) >= 2
        assert question.prompt
        assert question.explanation


@pytest.mark.parametrize("slug", SLUGS)
def test_a_question_has_the_same_choices_and_right_answer_in_both_languages(slug: str) -> None:
    module = load_module(slug)
    en, ur = module.texts["en"].questions, module.texts["ur"].questions
    assert [(q.id, [c.id for c in q.choices], q.right_choice.id) for q in en] == [
        (q.id, [c.id for c in q.choices], q.right_choice.id) for q in ur
    ]


def test_the_right_answer_is_not_always_in_the_same_place() -> None:
    positions = {q.right_choice.id for m in modules() for q in m.texts["en"].questions}
    assert len(positions) > 1


def _write(folder: Path, slug: str, *, right_in_second: bool = True, urdu: bool = True) -> None:
    question = """
[[questions]]
id = "q{n}"
prompt = "Which?"
explanation = "Because."
choices = [{{ id = "a", text = "One", right = true }}, {{ id = "b", text = "Two"{extra} }}]
"""
    for language in ("en", "ur") if urdu else ("en",):
        extra = ", right = true" if (language == "ur" and not right_in_second) else ""
        body = "".join(question.format(n=n, extra=extra) for n in (1, 2, 3))
        (folder / f"{slug}.{language}.toml").write_text(
            f'title = "T {language}"\nsummary = "S"\nbody = "Some words."\n{body}', encoding="utf-8"
        )


def test_a_module_missing_its_urdu_text_fails_to_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "CONTENT", tmp_path)
    _write(tmp_path, "demo", urdu=False)
    with pytest.raises(ModuleError, match=r"demo\.ur\.toml is missing"):
        load_module("demo")


def test_a_question_with_two_right_answers_fails_to_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "CONTENT", tmp_path)
    _write(tmp_path, "demo", right_in_second=False)
    with pytest.raises(ModuleError, match="exactly one right answer"):
        load_module("demo")


def test_the_version_is_a_hash_of_the_content_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogue, "CONTENT", tmp_path)
    _write(tmp_path, "demo")
    before = load_module("demo").version
    assert load_module("demo").version == before, "same content, same version"
    urdu = tmp_path / "demo.ur.toml"
    urdu.write_text(urdu.read_text(encoding="utf-8").replace("Some words.", "Some better words."), encoding="utf-8")
    assert load_module("demo").version != before, "a fix to the Urdu text is a new version too"
