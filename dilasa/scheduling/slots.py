"""Open slots: weekly hours plus extra hours, minus time off, minus what is booked.

Pure interval arithmetic over aware datetimes; weekly hours are read as
Asia/Karachi wall-clock times, so the result is right for any viewer's zone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dilasa.scheduling.models import (
    CLINIC_TIME_ZONE,
    ONLINE_MODES,
    Appointment,
    AvailabilityException,
    ExceptionKind,
    Mode,
    PracticeSettings,
    Status,
    WeeklyHours,
)

KARACHI = ZoneInfo(CLINIC_TIME_ZONE)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    online: bool
    in_person: bool
    free: bool = False


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    modes: tuple[str, ...]
    free: bool = False


def _days(start: datetime, end: datetime) -> Iterator[date]:
    day = start.astimezone(KARACHI).date() - timedelta(days=1)
    last = end.astimezone(KARACHI).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=KARACHI)


def weekly_windows(hours: Sequence[WeeklyHours], start: datetime, end: datetime) -> list[Window]:
    windows = []
    for day in _days(start, end):
        for row in hours:
            if row.weekday == day.weekday():
                windows.append(Window(_at(day, row.start), _at(day, row.end), row.online, row.in_person, row.free))
    return windows


def subtract(windows: list[Window], holes: Sequence[tuple[datetime, datetime]]) -> list[Window]:
    """Cut each hole out of the windows (a window may split in two)."""
    result = windows
    for hole_start, hole_end in holes:
        cut: list[Window] = []
        for w in result:
            if hole_end <= w.start or w.end <= hole_start:
                cut.append(w)
                continue
            if w.start < hole_start:
                cut.append(Window(w.start, hole_start, w.online, w.in_person, w.free))
            if hole_end < w.end:
                cut.append(Window(hole_end, w.end, w.online, w.in_person, w.free))
        result = cut
    return result


def slots_in(
    windows: Sequence[Window],
    *,
    session: timedelta,
    buffer: timedelta,
    busy: Sequence[tuple[datetime, datetime]],
    offered: Sequence[str],
    earliest: datetime,
    latest: datetime,
) -> list[Slot]:
    """Slots of `session` length laid every session + buffer from each window's start.

    A slot must start and end inside a window; it and its trailing buffer must not
    touch a busy interval (which already includes the buffer of earlier bookings).
    """
    slots: dict[datetime, Slot] = {}
    for w in windows:
        modes = tuple(m for m in offered if (m == Mode.IN_PERSON and w.in_person) or (m in ONLINE_MODES and w.online))
        if not modes:
            continue
        begin = w.start
        while begin + session <= w.end:
            finish, blocked = begin + session, begin + session + buffer
            if earliest <= begin < latest and not any(b < blocked and begin < e for b, e in busy):
                known = slots.get(begin)
                merged = tuple(dict.fromkeys((known.modes if known else ()) + modes))
                slots[begin] = Slot(begin, finish, merged, w.free or bool(known and known.free))
            begin = blocked
    return [slots[k] for k in sorted(slots)]


def open_slots(
    *, therapist_id: int, start: datetime, end: datetime, now: datetime | None = None, ignore_notice: bool = False
) -> list[Slot]:
    """Bookable slots of one therapist starting in [start, end)."""
    return open_slots_for_many(
        therapist_ids=[therapist_id], start=start, end=end, now=now, ignore_notice=ignore_notice
    ).get(therapist_id, [])


def open_slots_for_many(
    *,
    therapist_ids: Iterable[int],
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    ignore_notice: bool = False,
) -> dict[int, list[Slot]]:
    """Bookable slots of several therapists in four queries, whatever their number."""
    now = now or timezone.now()
    practices = {p.therapist_id: p for p in PracticeSettings.objects.filter(therapist_id__in=list(therapist_ids))}
    if not practices:
        return {}
    # One span that covers every therapist's notice and horizon, widened a day for time zones.
    span_start = max(start, now) - timedelta(days=1)
    span_end = min(end, now + timedelta(days=max(p.horizon_days for p in practices.values()))) + timedelta(days=1)
    if span_start >= span_end:
        return {}
    ids = list(practices)
    hours: dict[int, list[WeeklyHours]] = defaultdict(list)
    for row in WeeklyHours.objects.filter(therapist_id__in=ids):
        hours[row.therapist_id].append(row)
    exceptions: dict[int, list[AvailabilityException]] = defaultdict(list)
    for exception in AvailabilityException.objects.filter(
        therapist_id__in=ids, starts_at__lt=span_end, ends_at__gt=span_start
    ):
        exceptions[exception.therapist_id].append(exception)
    busy: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for therapist_id, busy_start, busy_end in (
        Appointment.objects.filter(therapist_id__in=ids, starts_at__lt=span_end, blocks_until__gt=span_start)
        .exclude(status=Status.CANCELLED)
        .values_list("therapist_id", "starts_at", "blocks_until")
    ):
        busy[therapist_id].append((busy_start, busy_end))
    return {
        therapist_id: _practice_slots(
            practice,
            hours[therapist_id],
            exceptions[therapist_id],
            busy[therapist_id],
            start=start,
            end=end,
            now=now,
            ignore_notice=ignore_notice,
        )
        for therapist_id, practice in practices.items()
    }


def _practice_slots(
    practice: PracticeSettings,
    hours: Sequence[WeeklyHours],
    exceptions: Sequence[AvailabilityException],
    busy: Sequence[tuple[datetime, datetime]],
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    ignore_notice: bool,
) -> list[Slot]:
    earliest = max(start, now if ignore_notice else now + timedelta(hours=practice.min_notice_hours))
    latest = min(end, now + timedelta(days=practice.horizon_days))
    if earliest >= latest:
        return []
    span_start, span_end = earliest - timedelta(days=1), latest + timedelta(days=1)
    windows = weekly_windows(hours, span_start, span_end)
    windows += [
        Window(e.starts_at, e.ends_at, e.online, e.in_person) for e in exceptions if e.kind == ExceptionKind.EXTRA
    ]
    windows = subtract(windows, [(e.starts_at, e.ends_at) for e in exceptions if e.kind == ExceptionKind.UNAVAILABLE])
    return slots_in(
        windows,
        session=timedelta(minutes=practice.session_minutes),
        buffer=timedelta(minutes=practice.buffer_minutes),
        busy=busy,
        offered=practice.offered_modes(),
        earliest=earliest,
        latest=latest,
    )
