"""The words of each instrument in each language: files shipped in instruments/, or a text a clinic loaded.

A text is data with its provenance: `source` (where these words come from) and `validated` (true only for a
text that IS the published, validated version; a provisional translation is false and names in
`validated_source` the study whose text should replace it). `parse` checks the structure against the scale
(item count, option count, non-empty words), so a loaded file cannot change how answers are scored.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dilasa.outcomes import scoring

FOLDER = Path(__file__).resolve().parent / "instruments"
LANGUAGES = ("en", "ur")
# Readers of the other right-to-left Pakistani languages get Urdu (as the consent texts do), others English.
FALLBACK = {"pnb": "ur", "sd": "ur", "ps": "ur"}
MAX_WORDS = 600
FIELDS = ("instrument", "language", "version", "validated", "source", "validated_source", "name", "stem")


class TextError(ValueError):
    """An instrument text of the wrong shape; the message says what is wrong (no clinical data in it)."""


@dataclass(frozen=True)
class Text:
    instrument: str
    language: str
    version: str
    validated: bool
    source: str
    validated_source: str
    name: str
    stem: str
    options: tuple[str, ...]
    items: tuple[str, ...]
    sha256: str

    @property
    def provisional(self) -> bool:
        """A stand-in translation awaiting the validated text (shown to therapists as such)."""
        return not self.validated and bool(self.validated_source)

    @property
    def rtl(self) -> bool:
        return self.language != "en"

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS} | {
            "options": list(self.options),
            "items": list(self.items),
        }


def _words(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TextError(f"'{key}' must be text")
    value = value.strip()
    if required and not value:
        raise TextError(f"'{key}' is missing or empty")
    if len(value) > MAX_WORDS:
        raise TextError(f"'{key}' is longer than {MAX_WORDS} characters")
    return value


def _list(data: Mapping[str, Any], key: str, count: int) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        raise TextError(f"'{key}' must be a list")
    if len(value) != count:
        raise TextError(f"'{key}' must have {count} entries, found {len(value)}")
    found = []
    for n, entry in enumerate(value, start=1):
        if not isinstance(entry, str) or not entry.strip():
            raise TextError(f"'{key}' entry {n} is missing or empty")
        if len(entry) > MAX_WORDS:
            raise TextError(f"'{key}' entry {n} is longer than {MAX_WORDS} characters")
        found.append(entry.strip())
    return tuple(found)


def parse(data: Mapping[str, Any]) -> Text:
    """A checked Text from a mapping (a parsed TOML or JSON file), or TextError naming the first problem."""
    instrument = _words(data, "instrument")
    if instrument not in scoring.SCALES:
        raise TextError(f"unknown instrument '{instrument}' (known: {', '.join(scoring.INSTRUMENTS)})")
    scale = scoring.SCALES[instrument]
    language = _words(data, "language")
    if language not in LANGUAGES:
        raise TextError(f"language must be one of {', '.join(LANGUAGES)}")
    validated = data.get("validated")
    if not isinstance(validated, bool):
        raise TextError("'validated' must be true or false")
    unknown = set(data) - set(FIELDS) - {"options", "items"}
    if unknown:
        raise TextError(f"unknown keys: {', '.join(sorted(unknown))}")
    content: dict[str, Any] = {
        "instrument": instrument,
        "language": language,
        "version": _words(data, "version"),
        "validated": validated,
        "source": _words(data, "source"),
        "validated_source": _words(data, "validated_source", required=False),
        "name": _words(data, "name"),
        "stem": _words(data, "stem"),
        "options": _list(data, "options", scale.item_max + 1),
        "items": _list(data, "items", scale.items),
    }
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return Text(**content, sha256=digest)


def read_file(path: Path) -> Text:
    """A TOML (.toml) or JSON (.json) file, parsed and checked."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode()) if path.suffix == ".toml" else json.loads(raw)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise TextError(f"cannot read {path.name}: {error}") from None
    if not isinstance(data, dict):
        raise TextError("the file must hold one table of keys")
    return parse(data)


@cache
def shipped(instrument: str, language: str) -> Text:
    return read_file(FOLDER / f"{instrument}.{language}.toml")


def reading_language(language: str) -> str:
    code = (language or "en").split("-")[0]
    return code if code in LANGUAGES else FALLBACK.get(code, "en")


def text_for(instrument: str, language: str) -> Text:
    """The words a reader of `language` gets: a clinic's loaded text if there is one, else the shipped file."""
    from dilasa.outcomes.models import InstrumentText

    code = reading_language(language)
    loaded = InstrumentText.objects.filter(instrument=instrument, language=code).first()
    if loaded is not None:
        return parse(loaded.content)
    return shipped(instrument, code)
