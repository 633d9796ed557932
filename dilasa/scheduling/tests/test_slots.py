"""Open times come from weekly hours in Pakistan time, plus extra hours, minus time off and bookings."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.models import ExceptionKind, Mode
from dilasa.scheduling.slots import KARACHI, Window, open_slots, slots_in, subtract
from dilasa.scheduling.testing import karachi, open_every_day

UTC = ZoneInfo("UTC")


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 7, hour, minute, tzinfo=KARACHI)


def test_slots_are_laid_every_session_plus_break_and_end_inside_the_window() -> None:
    window = Window(at(9), at(12), online=True, in_person=False)
    slots = slots_in(
        [window],
        session=timedelta(minutes=50),
        buffer=timedelta(minutes=10),
        busy=[],
        offered=[Mode.VIDEO, Mode.IN_PERSON],
        earliest=at(0),
        latest=at(23),
    )
    assert [s.start for s in slots] == [at(9), at(10), at(11)]
    assert slots[-1].end == at(11, 50)
    assert all(s.modes == (Mode.VIDEO,) for s in slots)  # an online-only window offers no in-person slot


def test_a_booking_and_its_break_hide_the_slots_they_touch() -> None:
    window = Window(at(9), at(12), online=True, in_person=True)
    busy = [(at(10, 30), at(11, 30))]
    slots = slots_in(
        [window],
        session=timedelta(minutes=50),
        buffer=timedelta(minutes=10),
        busy=busy,
        offered=[Mode.AUDIO],
        earliest=at(0),
        latest=at(23),
    )
    assert [s.start for s in slots] == [at(9)]


def test_time_off_cuts_a_window_in_two() -> None:
    pieces = subtract([Window(at(9), at(17), True, False)], [(at(12), at(13))])
    assert [(w.start, w.end) for w in pieces] == [(at(9), at(12)), (at(13), at(17))]


@pytest.mark.django_db
def test_weekly_hours_are_pakistan_time_whatever_the_viewers_zone(therapist_sana: User) -> None:
    open_every_day(therapist_sana, start=time(9), end=time(10))
    start = karachi(3, 0)
    slots = open_slots(therapist_id=therapist_sana.pk, start=start, end=start + timedelta(days=1))
    assert len(slots) == 1
    assert slots[0].start.astimezone(UTC).hour == 4  # 09:00 in Karachi is 04:00 UTC
    assert slots[0].start.astimezone(ZoneInfo("Europe/London")).hour == 4


@pytest.mark.django_db
def test_extra_hours_add_slots_and_leave_removes_them(therapist_sana: User) -> None:
    open_every_day(therapist_sana, start=time(9), end=time(10))
    day = karachi(4, 0)
    services.exception_add(
        therapist=therapist_sana, kind=ExceptionKind.EXTRA, starts_at=karachi(4, 18), ends_at=karachi(4, 19)
    )
    starts = [s.start for s in open_slots(therapist_id=therapist_sana.pk, start=day, end=day + timedelta(days=1))]
    assert starts == [karachi(4, 9), karachi(4, 18)]
    services.exception_add(
        therapist=therapist_sana, kind=ExceptionKind.UNAVAILABLE, starts_at=karachi(4, 0), ends_at=karachi(4, 12)
    )
    starts = [s.start for s in open_slots(therapist_id=therapist_sana.pk, start=day, end=day + timedelta(days=1))]
    assert starts == [karachi(4, 18)]


@pytest.mark.django_db
def test_nothing_is_offered_too_soon_or_too_far_ahead(therapist_sana: User) -> None:
    open_every_day(therapist_sana, min_notice_hours=48, horizon_days=7)
    now = karachi(0, 8)
    slots = open_slots(therapist_id=therapist_sana.pk, start=now, end=now + timedelta(days=30), now=now)
    assert slots
    assert min(s.start for s in slots) >= now + timedelta(hours=48)
    assert max(s.start for s in slots) < now + timedelta(days=7)


@pytest.mark.django_db
def test_a_therapist_without_booking_terms_has_no_open_times(therapist_sana: User) -> None:
    assert open_slots(therapist_id=therapist_sana.pk, start=karachi(1, 0), end=karachi(9, 0)) == []


@pytest.mark.django_db
def test_open_slots_of_many_therapists_take_four_queries(clinic_sukoon, django_assert_num_queries) -> None:
    from dilasa.accounts.models import Role
    from dilasa.scheduling.slots import open_slots_for_many
    from dilasa.testing import make_user

    therapists = [
        make_user(f"t{i}@example.com", display_name=f"T{i}", role=Role.THERAPIST, organisation=clinic_sukoon)
        for i in range(6)
    ]
    for therapist in therapists:
        open_every_day(therapist)
    with django_assert_num_queries(4):
        found = open_slots_for_many(therapist_ids=[t.pk for t in therapists], start=karachi(1, 0), end=karachi(8, 0))
    assert set(found) == {t.pk for t in therapists}
    assert all(found.values())
