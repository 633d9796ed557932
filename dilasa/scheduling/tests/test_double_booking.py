"""Never a double booking: the database refuses overlaps, whatever the timing of the requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dilasa.accounts.models import Organisation, Role, User
from dilasa.scheduling import services
from dilasa.scheduling.models import Appointment, Mode, Status
from dilasa.scheduling.services import SlotTakenError
from dilasa.scheduling.testing import karachi, open_every_day
from dilasa.testing import make_clinic, make_user, run_together

pytestmark = pytest.mark.django_db(transaction=True)


def clients(n: int) -> list[User]:
    return [make_user(f"client{i}@example.com", display_name=f"C{i}") for i in range(n)]


@pytest.fixture
def sana(db: None) -> User:
    clinic = make_clinic()
    sana = make_user("sana@example.com", display_name="Dr Sana", role=Role.THERAPIST, organisation=clinic)
    open_every_day(sana)
    return sana


def test_twenty_concurrent_attempts_on_one_slot_give_exactly_one_booking(sana: User) -> None:
    people = clients(20)
    slot = karachi(3, 10)
    outcomes = run_together(
        [
            (
                lambda c=c: services.appointment_book(
                    client=c, therapist=sana, starts_at=slot, mode=Mode.VIDEO, booked_by=c
                )
            )
            for c in people
        ]
    )
    booked = [o for o in outcomes if isinstance(o, Appointment)]
    refused = [o for o in outcomes if isinstance(o, SlotTakenError)]
    assert len(booked) == 1
    assert len(refused) == 19, [o for o in outcomes if not isinstance(o, Appointment | SlotTakenError)]
    assert all("just taken" in str(e.message) for e in refused)
    assert Appointment.objects.filter(therapist=sana).count() == 1


def test_one_client_racing_for_two_therapists_at_the_same_time_gets_one(sana: User) -> None:
    bilal = make_user(
        "bilal@example.com", display_name="Bilal", role=Role.THERAPIST, organisation=Organisation.objects.get()
    )
    open_every_day(bilal)
    (ayesha,) = clients(1)
    slot = karachi(3, 10)
    outcomes = run_together(
        [
            lambda t=t: services.appointment_book(
                client=ayesha, therapist=t, starts_at=slot, mode=Mode.AUDIO, booked_by=ayesha
            )
            for t in (sana, bilal)
        ]
    )
    assert sum(isinstance(o, Appointment) for o in outcomes) == 1
    assert Appointment.objects.filter(client=ayesha).count() == 1


def test_back_to_back_slots_both_succeed(sana: User) -> None:
    first, second = clients(2)
    a = services.appointment_book(
        client=first, therapist=sana, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=first
    )
    b = services.appointment_book(
        client=second, therapist=sana, starts_at=karachi(3, 11), mode=Mode.VIDEO, booked_by=second
    )
    assert a.blocks_until == b.starts_at


def test_a_cancelled_slot_can_be_booked_again(sana: User) -> None:
    first, second = clients(2)
    slot = karachi(3, 10)
    booked = services.appointment_book(client=first, therapist=sana, starts_at=slot, mode=Mode.VIDEO, booked_by=first)
    with pytest.raises(SlotTakenError):
        services.appointment_book(client=second, therapist=sana, starts_at=slot, mode=Mode.VIDEO, booked_by=second)
    services.appointment_cancel(appointment=booked, by=first)
    again = services.appointment_book(client=second, therapist=sana, starts_at=slot, mode=Mode.VIDEO, booked_by=second)
    assert again.status == Status.BOOKED


def row(
    therapist: User, client: User, start_minute: int, length: int, *, buffer: int = 0, status: str = Status.BOOKED
) -> Appointment:
    base = karachi(5, 0)
    starts = base + timedelta(minutes=start_minute)
    return Appointment(
        therapist=therapist,
        client=client,
        organisation_id=therapist.organisation_id,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=length),
        blocks_until=starts + timedelta(minutes=length + buffer),
        mode=Mode.VIDEO,
        status=status,
        booked_by=client,
    )


def test_the_database_itself_refuses_an_overlap_that_skips_the_service(sana: User) -> None:
    first, second = clients(2)
    row(sana, first, 0, 50, buffer=10).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        row(sana, second, 55, 50).save()  # inside the first one's buffer
    later = row(sana, second, 120, 50)
    later.save()
    moved_into_overlap = Appointment.objects.filter(pk=later.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        moved_into_overlap.update(starts_at=later.starts_at - timedelta(minutes=100))
    row(sana, second, 60, 50).save()  # right after the buffer: fine (it ends as `later` begins)
    row(sana, second, 30, 20, status=Status.CANCELLED).save()  # cancelled rows never block


def test_the_database_refuses_a_client_in_two_places_at_once(sana: User) -> None:
    bilal = make_user(
        "bilal@example.com", display_name="Bilal", role=Role.THERAPIST, organisation=Organisation.objects.get()
    )
    (ayesha,) = clients(1)
    row(sana, ayesha, 0, 50).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        row(bilal, ayesha, 30, 50).save()


intervals = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=600),  # start minute
        st.integers(min_value=5, max_value=120),  # length
        st.integers(min_value=0, max_value=20),  # buffer
        st.booleans(),  # cancelled
        st.integers(min_value=0, max_value=2),  # which client
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts=intervals)
def test_random_attempts_never_leave_an_overlap(sana: User, attempts: list[tuple[int, int, int, bool, int]]) -> None:
    people = list(User.objects.filter(role=Role.CLIENT).order_by("pk")[:3]) or clients(3)
    Appointment.objects.all().delete()
    for start, length, buffer, cancelled, who in attempts:
        try:
            with transaction.atomic():
                row(
                    sana,
                    people[who],
                    start,
                    length,
                    buffer=buffer,
                    status=Status.CANCELLED if cancelled else Status.BOOKED,
                ).save()
        except IntegrityError:
            pass
    active = list(Appointment.objects.exclude(status=Status.CANCELLED))
    for i, a in enumerate(active):
        for b in active[i + 1 :]:
            assert not (a.starts_at < b.blocks_until and b.starts_at < a.blocks_until), (a, b)
            if a.client_id == b.client_id:
                assert not (a.starts_at < b.ends_at and b.starts_at < a.ends_at)
