"""The item-9 rule over every PHQ-9 answer set: the crisis pathway opens iff item 9 is above 0, whatever the
total. All 4^9 = 262,144 answer sets, through the pure scoring function the submit path uses."""

from __future__ import annotations

from itertools import product

from dilasa.outcomes.scoring import PHQ9, band_of, item9_crisis, score


def test_every_answer_set_flags_exactly_when_item_9_is_above_zero() -> None:
    checked = flagged = 0
    wrong = []
    for answers in product(range(4), repeat=9):
        result = score(PHQ9, answers)
        expected = answers[8] > 0
        if result.crisis is not expected or item9_crisis(answers) is not expected:
            wrong.append(answers)
        if result.total != sum(answers) or result.band != band_of(PHQ9, sum(answers)):
            wrong.append(answers)
        checked += 1
        flagged += result.crisis
    assert wrong == []
    assert checked == 4**9 == 262_144
    assert flagged == 3 * 4**8, "three of every four answer sets have item 9 above 0"


def test_the_rule_is_independent_of_the_total() -> None:
    lowest_flagged = score(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    highest_unflagged = score(PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert (lowest_flagged.total, lowest_flagged.band, lowest_flagged.crisis) == (1, "minimal", True)
    assert (highest_unflagged.total, highest_unflagged.crisis) == (24, False)
