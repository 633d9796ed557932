"""The training modules: data files in content/<slug>.<language>.toml, loaded once and checked loudly.

A module's version is a hash of its content in every language, so any change to the text or the questions
(a fix to the Urdu as much as to the English) shows therapists who completed it that it was "updated since".
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content"
LANGUAGES = ("en", "ur")  # every module is written in each; other languages read English
ORDER = (
    "rapport-on-screen",
    "cues-without-a-face",
    "risk-at-a-distance",
    "privacy-at-home",
    "techniques-on-screen",
)


class ModuleError(ValueError):
    """A module file that does not hold what a module needs (raised when the catalogue loads)."""


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    right: bool


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    choices: tuple[Choice, ...]
    explanation: str

    @property
    def right_choice(self) -> Choice:
        return next(choice for choice in self.choices if choice.right)


@dataclass(frozen=True)
class Text:
    """A module in one language."""

    language: str
    title: str
    summary: str
    body: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Module:
    slug: str
    version: str
    minutes: int
    texts: dict[str, Text]

    def text_for(self, language: str | None) -> Text:
        return self.texts.get(language or "en") or self.texts["en"]

    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.texts["en"].questions)


def _text(path: Path, language: str) -> tuple[Text, int]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        questions = tuple(
            Question(
                id=str(q["id"]),
                prompt=str(q["prompt"]).strip(),
                explanation=str(q["explanation"]).strip(),
                choices=tuple(
                    Choice(id=str(c["id"]), text=str(c["text"]).strip(), right=bool(c.get("right", False)))
                    for c in q["choices"]
                ),
            )
            for q in data["questions"]
        )
        text = Text(
            language=language,
            title=str(data["title"]).strip(),
            summary=str(data["summary"]).strip(),
            body=str(data["body"]).strip(),
            questions=questions,
        )
        return text, int(data.get("minutes", 10))
    except (KeyError, TypeError) as error:
        raise ModuleError(f"{path.name}: missing or malformed field {error}") from error


def _check(slug: str, texts: dict[str, Text]) -> None:
    shape = None
    for language, text in texts.items():
        if not text.title or not text.body or len(text.questions) != 3:
            raise ModuleError(f"{slug}.{language}: a title, a body and exactly three questions")
        for question in text.questions:
            if sum(choice.right for choice in question.choices) != 1 or len(question.choices) < 2:
                raise ModuleError(f"{slug}.{language} {question.id}: exactly one right answer among the choices")
            if len({choice.id for choice in question.choices}) != len(question.choices):
                raise ModuleError(f"{slug}.{language} {question.id}: choice ids repeat")
        # Same questions, choices and right answers in every language: answers mean the same whatever is read.
        this = [(q.id, [(c.id, c.right) for c in q.choices]) for q in text.questions]
        if shape is not None and this != shape:
            raise ModuleError(f"{slug}.{language}: questions or answers differ from English")
        shape = this


def load_module(slug: str) -> Module:
    texts: dict[str, Text] = {}
    digest = hashlib.sha256()
    minutes = 10
    for language in LANGUAGES:
        path = CONTENT / f"{slug}.{language}.toml"
        if not path.exists():
            raise ModuleError(f"{path.name} is missing: every module is written in {', '.join(LANGUAGES)}")
        digest.update(path.read_bytes())
        texts[language], minutes = _text(path, language)
    _check(slug, texts)
    return Module(slug=slug, version=digest.hexdigest()[:12], minutes=minutes, texts=texts)


@cache
def modules() -> tuple[Module, ...]:
    return tuple(load_module(slug) for slug in ORDER)


def module(slug: str) -> Module | None:
    return next((m for m in modules() if m.slug == slug), None)
