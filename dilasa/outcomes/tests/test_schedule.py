"""When a measure is open for an answer: once, every N days until a last day, before each session."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dilasa.outcomes.due import Plan, Session, occurrence_now

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 10)


def plan(schedule: str, **extra: object) -> Plan:
    fields: dict[str, object] = {
        "schedule": schedule,
        "every_days": None,
        "starts_on": date(2026, 12, 1),
        "ends_on": None,
        "stopped": False,
    }
    return Plan(**(fields | extra))


def at(p: Plan, today: date, sessions: list[Session] | None = None, now: datetime = NOW) -> str | None:
    return occurrence_now(p, today=today, now=now, sessions=sessions or [])


def test_once_is_open_from_its_first_day_until_its_last() -> None:
    once = plan("once", ends_on=date(2026, 12, 12))
    assert at(once, date(2026, 11, 30)) is None
    assert at(once, date(2026, 12, 1)) == "once"
    assert at(once, date(2026, 12, 12)) == "once"
    assert at(once, date(2026, 12, 13)) is None


def test_every_n_days_opens_a_new_window_each_period() -> None:
    weekly = plan("every", every_days=7, ends_on=date(2026, 12, 31))
    assert at(weekly, date(2026, 12, 1)) == "d2026-12-01"
    assert at(weekly, date(2026, 12, 7)) == "d2026-12-01"
    assert at(weekly, date(2026, 12, 8)) == "d2026-12-08"
    assert at(weekly, date(2026, 12, 31)) == "d2026-12-29"
    assert at(weekly, date(2027, 1, 1)) is None
    daily = plan("every", every_days=1, ends_on=date(2026, 12, 31))
    assert at(daily, date(2026, 12, 2)) != at(daily, date(2026, 12, 3))


def test_before_each_session_opens_48_hours_ahead_until_the_session_ends() -> None:
    session = Session(41, NOW + timedelta(hours=30), NOW + timedelta(hours=31))
    before = plan("before_session")
    assert at(before, TODAY, [session]) == "a41"
    assert at(before, TODAY, [session], now=session.starts_at - timedelta(hours=49)) is None
    assert at(before, TODAY, [session], now=session.ends_at - timedelta(minutes=1)) == "a41"
    assert at(before, TODAY, [session], now=session.ends_at) is None
    assert at(before, TODAY, []) is None


def test_a_stopped_plan_is_never_open() -> None:
    assert at(plan("once", stopped=True), TODAY) is None
    assert at(plan("every", every_days=3, stopped=True), TODAY) is None
