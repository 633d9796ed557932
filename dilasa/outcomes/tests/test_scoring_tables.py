"""Scoring and severity bands: hand-written expected values at every band edge, and bad input refused."""

from __future__ import annotations

import pytest

from dilasa.outcomes.scoring import GAD7, MOOD, PHQ9, ScoringError, band_of, check_answers, score

# PHQ-9 total -> band: minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19, severe 20-27.
PHQ9_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately_severe"),
    (19, "moderately_severe"),
    (20, "severe"),
    (27, "severe"),
]
# GAD-7 total -> band: minimal 0-4, mild 5-9, moderate 10-14, severe 15-21.
GAD7_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_band_edges(total: int, band: str) -> None:
    assert band_of(PHQ9, total) == band


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_band_edges(total: int, band: str) -> None:
    assert band_of(GAD7, total) == band


def answers_totalling(total: int, items: int) -> list[int]:
    """Item answers (0-3) adding up to `total`, filled from the first item; item 9 stays 0 while it can."""
    left, found = total, []
    for _ in range(items):
        found.append(min(3, left))
        left -= found[-1]
    return found


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_score_of_answers_at_each_edge(total: int, band: str) -> None:
    result = score(PHQ9, answers_totalling(total, 9))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_score_of_answers_at_each_edge(total: int, band: str) -> None:
    result = score(GAD7, answers_totalling(total, 7))
    assert (result.total, result.band) == (total, band)


def test_hand_scored_examples() -> None:
    assert score(PHQ9, [0, 1, 2, 3, 0, 1, 2, 3, 0]).total == 12
    assert score(PHQ9, [3] * 9).total == 27
    assert score(GAD7, [1, 1, 1, 1, 1, 1, 1]).total == 7
    assert score(GAD7, [3, 3, 3, 3, 3, 3, 3]).total == 21
    assert score(MOOD, [7]).total == 7
    assert score(MOOD, [7]).band == ""


@pytest.mark.parametrize(("total", "positive"), [(0, False), (9, False), (10, True), (21, True)])
def test_gad7_ten_or_more_is_a_positive_screen(total: int, positive: bool) -> None:
    assert score(GAD7, answers_totalling(total, 7)).positive_screen is positive


def test_a_high_total_alone_is_not_the_crisis_pathway() -> None:
    result = score(PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert (result.total, result.band, result.crisis) == (24, "severe", False)
    assert result.needs_attention, "but the therapist's view marks it"


def test_gad7_and_mood_never_open_the_crisis_pathway() -> None:
    assert not score(GAD7, [3] * 7).crisis
    assert not score(MOOD, [0]).crisis


@pytest.mark.parametrize(
    ("instrument", "answers", "why"),
    [
        (PHQ9, [0] * 8, "needs 9 answers, got 8"),
        (PHQ9, [0] * 10, "needs 9 answers, got 10"),
        (PHQ9, [], "needs 9 answers, got 0"),
        (GAD7, [0] * 9, "needs 7 answers, got 9"),
        (PHQ9, [0, 0, 0, 0, 4, 0, 0, 0, 0], "answer 5 is outside 0-3"),
        (PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, -1], "answer 9 is outside 0-3"),
        (GAD7, [0, 0, None, 0, 0, 0, 0], "answer 3 is not a whole number"),
        (GAD7, [0, "1", 0, 0, 0, 0, 0], "answer 2 is not a whole number"),
        (GAD7, [True, 0, 0, 0, 0, 0, 0], "answer 1 is not a whole number"),
        (GAD7, [0, 0, 0, 0, 0, 0, 1.0], "answer 7 is not a whole number"),
        (MOOD, [11], "answer 1 is outside 0-10"),
        ("phq10", [0] * 10, "unknown instrument"),
    ],
)
def test_bad_answers_are_refused_with_a_reason(instrument: str, answers: list[object], why: str) -> None:
    with pytest.raises(ScoringError, match=why):
        check_answers(instrument, answers)


@pytest.mark.parametrize(("instrument", "total"), [(PHQ9, 28), (PHQ9, -1), (GAD7, 22), (MOOD, 11)])
def test_totals_outside_the_scale_have_no_band(instrument: str, total: int) -> None:
    with pytest.raises(ScoringError):
        band_of(instrument, total)
