"""When an assignment is open for an answer: pure date arithmetic, no database.

Each open window is an *occurrence* with a key unique within its assignment: "once"; "d<date>" for the
period of an every-N-days schedule starting that day (in the client's own calendar); "a<id>" for the
session of appointment <id> (open from SESSION_LEAD before it starts until it ends). One answer per
occurrence: a late answer to a window that has closed is refused as stale, never filed under the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

SESSION_LEAD: Final = timedelta(hours=48)


@dataclass(frozen=True)
class Plan:
    schedule: str  # models.Schedule values
    every_days: int | None
    starts_on: date
    ends_on: date | None
    stopped: bool


@dataclass(frozen=True)
class Session:
    appointment_id: int
    starts_at: datetime
    ends_at: datetime


def within_dates(plan: Plan, today: date) -> bool:
    return not plan.stopped and plan.starts_on <= today and (plan.ends_on is None or today <= plan.ends_on)


def occurrence_now(plan: Plan, *, today: date, now: datetime, sessions: list[Session]) -> str | None:
    """The key of the window open now, or None. `sessions`: the client's upcoming or running sessions with the
    assigning therapist, soonest first (used by "before each session" only)."""
    if not within_dates(plan, today):
        return None
    if plan.schedule == "once":
        return "once"
    if plan.schedule == "every":
        step = plan.every_days or 1
        start = plan.starts_on + timedelta(days=(today - plan.starts_on).days // step * step)
        return f"d{start.isoformat()}"
    if plan.schedule == "before_session":
        for session in sessions:
            if session.starts_at - SESSION_LEAD <= now < session.ends_at:
                return f"a{session.appointment_id}"
        return None
    return None
