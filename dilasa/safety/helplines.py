"""The national crisis and support lines, read from data/helplines.toml (see the notes at its top)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.utils.translation import gettext

DATA = Path(__file__).parent / "data" / "helplines.toml"
# An entry this long past its last check makes the freshness test fail: check the line again.
FRESH_FOR_DAYS = 180


@dataclass(frozen=True)
class Helpline:
    key: str
    name: str
    number: str
    dial: str
    hours: str
    languages: tuple[str, ...]
    region: str
    purpose: str
    emergency: bool
    source: str
    verified_how: str
    last_verified: date

    # The texts are English msgids (listed in helpline_words.py); these give them in the active language.
    @property
    def name_text(self) -> str:
        return gettext(self.name)

    @property
    def hours_text(self) -> str:
        return gettext(self.hours)

    @property
    def purpose_text(self) -> str:
        return gettext(self.purpose)

    @property
    def region_text(self) -> str:
        return gettext(self.region)

    @property
    def languages_text(self) -> str:
        return ", ".join(gettext(language) for language in self.languages)


@cache
def national_lines() -> tuple[Helpline, ...]:
    """Emergency numbers first, then the others, each group in the file's order."""
    with DATA.open("rb") as handle:
        raw = tomllib.load(handle)
    lines = [
        Helpline(
            key=str(entry["key"]),
            name=str(entry["name"]),
            number=str(entry["number"]),
            dial=str(entry["dial"]),
            hours=str(entry["hours"]),
            languages=tuple(str(x) for x in entry["languages"]),
            region=str(entry["region"]),
            purpose=str(entry["purpose"]),
            emergency=bool(entry["emergency"]),
            source=str(entry["source"]),
            verified_how=str(entry["verified_how"]),
            last_verified=entry["last_verified"],
        )
        for entry in raw["line"]
    ]
    return tuple(sorted(lines, key=lambda line: not line.emergency))


def check_due(line: Helpline) -> date:
    """The day a line counts as stale: FRESH_FOR_DAYS after its last check."""
    return line.last_verified + timedelta(days=FRESH_FOR_DAYS)


def stale_lines(today: date) -> list[Helpline]:
    return [line for line in national_lines() if today >= check_due(line)]


def oldest_check() -> date:
    return min(line.last_verified for line in national_lines())
