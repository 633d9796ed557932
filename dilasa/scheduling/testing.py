"""Scheduling fixtures for tests: a therapist with hours every day, and times on her grid."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.models import PracticeSettings

KARACHI = ZoneInfo("Asia/Karachi")


def open_every_day(
    therapist: User, *, start: time = time(9), end: time = time(17), **terms: object
) -> PracticeSettings:
    """50-minute sessions with 10-minute breaks, 09:00-17:00 Karachi time, online and in person."""
    defaults: dict[str, object] = {
        "offers_in_person": True,
        "clinic_address": "House 12, Street 4, Satellite Town, Rawalpindi",
        "fee_pkr": 3000,
    }
    practice = services.practice_update(therapist=therapist, **(defaults | terms))
    services.weekly_hours_replace(
        therapist=therapist,
        rows=[services.HoursRow(weekday=d, start=start, end=end, online=True, in_person=True) for d in range(7)],
    )
    return practice


def karachi(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Karachi `days_ahead` days from today."""
    day = timezone.now().astimezone(KARACHI).date() + timedelta(days=days_ahead)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=KARACHI)
