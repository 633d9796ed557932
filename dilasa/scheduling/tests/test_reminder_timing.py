"""When a reminder is due: a day and an hour before, never for a time that had passed when booking was made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dilasa.scheduling.models import ReminderKind
from dilasa.scheduling.reminders import Timing, reminder_timing

START = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)
BOOKED_A_WEEK_AHEAD = START - timedelta(days=7)
H = timedelta(hours=1)
M = timedelta(minutes=1)


@pytest.mark.parametrize(
    ("kind", "now", "expected"),
    [
        (ReminderKind.DAY_BEFORE, START - 25 * H, Timing.EARLY),
        (ReminderKind.DAY_BEFORE, START - 24 * H, Timing.DUE),
        (ReminderKind.DAY_BEFORE, START - 2 * H, Timing.DUE),  # a worker that was down catches up
        (ReminderKind.DAY_BEFORE, START - H, Timing.LATE),  # the hour-before reminder takes over
        (ReminderKind.HOUR_BEFORE, START - 2 * H, Timing.EARLY),
        (ReminderKind.HOUR_BEFORE, START - H, Timing.DUE),
        (ReminderKind.HOUR_BEFORE, START - M, Timing.DUE),
        (ReminderKind.HOUR_BEFORE, START, Timing.LATE),
    ],
)
def test_each_reminder_has_a_window(kind: str, now: datetime, expected: Timing) -> None:
    assert reminder_timing(kind=kind, starts_at=START, booked_at=BOOKED_A_WEEK_AHEAD, now=now) is expected


def test_booked_less_than_a_day_ahead_means_no_day_before_reminder() -> None:
    booked = START - 20 * H
    assert reminder_timing(kind=ReminderKind.DAY_BEFORE, starts_at=START, booked_at=booked, now=booked) is Timing.NEVER
    assert reminder_timing(kind=ReminderKind.HOUR_BEFORE, starts_at=START, booked_at=booked, now=booked) is Timing.EARLY


def test_booked_within_the_hour_means_no_reminder_at_all() -> None:
    booked = START - 30 * M
    for kind in ReminderKind:
        assert reminder_timing(kind=kind, starts_at=START, booked_at=booked, now=booked) is Timing.NEVER
