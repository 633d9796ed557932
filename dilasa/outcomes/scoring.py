"""Scoring and severity bands of the outcome measures: pure functions, no Django, no database.

PHQ-9 (Kroenke, Spitzer & Williams 2001; Pfizer, free to use): nine items scored 0-3, total 0-27, bands
minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19, severe 20-27. Any answer above 0 on item 9
(thoughts of being better off dead or of self-harm) opens the crisis pathway, whatever the total: a 0 there
is not proof of safety, but a 1 always needs follow-up the same day.

GAD-7 (Spitzer et al. 2006; Pfizer, free to use): seven items 0-3, total 0-21, bands minimal 0-4, mild 5-9,
moderate 10-14, severe 15-21; 10 or more is a positive screen.

Mood: our own between-sessions check-in, one item 0 (very low) to 10 (very good); no bands, no screen.

Band keys are plain words here; the words shown to people (translated) live in `labels.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

PHQ9: Final = "phq9"
GAD7: Final = "gad7"
MOOD: Final = "mood"
INSTRUMENTS: Final = (PHQ9, GAD7, MOOD)

# The index (0-based) of PHQ-9 item 9.
PHQ9_ITEM9: Final = 8


class ScoringError(ValueError):
    """Answers that cannot be scored: wrong count, a missing answer, or a value out of range."""


@dataclass(frozen=True)
class Band:
    key: str
    lower: int  # inclusive
    upper: int  # inclusive


@dataclass(frozen=True)
class Scale:
    instrument: str
    items: int
    item_max: int  # each answer is 0..item_max
    bands: tuple[Band, ...]
    positive_from: int | None  # a total at or above this is a positive screen

    @property
    def max_total(self) -> int:
        return self.items * self.item_max


SCALES: Final[dict[str, Scale]] = {
    PHQ9: Scale(
        PHQ9,
        items=9,
        item_max=3,
        bands=(
            Band("minimal", 0, 4),
            Band("mild", 5, 9),
            Band("moderate", 10, 14),
            Band("moderately_severe", 15, 19),
            Band("severe", 20, 27),
        ),
        positive_from=10,
    ),
    GAD7: Scale(
        GAD7,
        items=7,
        item_max=3,
        bands=(Band("minimal", 0, 4), Band("mild", 5, 9), Band("moderate", 10, 14), Band("severe", 15, 21)),
        positive_from=10,
    ),
    MOOD: Scale(MOOD, items=1, item_max=10, bands=(), positive_from=None),
}

# The bands a therapist's view marks for attention (a high total alone shows the client no crisis page).
ATTENTION_BANDS: Final = frozenset({"moderately_severe", "severe"})


@dataclass(frozen=True)
class Score:
    instrument: str
    total: int
    band: str  # "" for a measure without bands
    positive_screen: bool
    crisis: bool  # PHQ-9 item 9 above 0

    @property
    def needs_attention(self) -> bool:
        return self.crisis or self.band in ATTENTION_BANDS


def scale(instrument: str) -> Scale:
    try:
        return SCALES[instrument]
    except KeyError:
        raise ScoringError(f"unknown instrument {instrument!r}") from None


def check_answers(instrument: str, answers: Sequence[int]) -> tuple[int, ...]:
    """The answers as a tuple, or ScoringError: exactly one whole number in range for every item."""
    found = scale(instrument)
    if len(answers) != found.items:
        raise ScoringError(f"{instrument} needs {found.items} answers, got {len(answers)}")
    for number, value in enumerate(answers, start=1):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScoringError(f"answer {number} is not a whole number")
        if not 0 <= value <= found.item_max:
            raise ScoringError(f"answer {number} is outside 0-{found.item_max}")
    return tuple(answers)


def band_of(instrument: str, total: int) -> str:
    """The band key of a total ("" for a measure without bands); ScoringError outside the scale."""
    found = scale(instrument)
    if isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= found.max_total:
        raise ScoringError(f"{instrument} total must be 0-{found.max_total}")
    for band in found.bands:
        if band.lower <= total <= band.upper:
            return band.key
    return ""


def item9_crisis(answers: Sequence[int]) -> bool:
    """PHQ-9: does this answer set open the crisis pathway? Exactly when item 9 is above 0."""
    return check_answers(PHQ9, answers)[PHQ9_ITEM9] > 0


def score(instrument: str, answers: Sequence[int]) -> Score:
    checked = check_answers(instrument, answers)
    total = sum(checked)
    found = scale(instrument)
    return Score(
        instrument=instrument,
        total=total,
        band=band_of(instrument, total),
        positive_screen=found.positive_from is not None and total >= found.positive_from,
        crisis=instrument == PHQ9 and checked[PHQ9_ITEM9] > 0,
    )
