"""Bad booking requests get a clear answer and change nothing."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.models import Appointment, ExceptionKind, FeeKind, Mode
from dilasa.scheduling.testing import karachi, open_every_day


@pytest.fixture
def sana_open(therapist_sana: User) -> User:
    open_every_day(therapist_sana)
    return therapist_sana


def book(client: User, therapist: User, when, mode: str = Mode.VIDEO, **extra):
    return services.appointment_book(
        client=client, therapist=therapist, starts_at=when, mode=mode, booked_by=extra.pop("by", client), **extra
    )


def refused(code: str, call) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.code == code, caught.value
    assert not Appointment.objects.exists()


def test_a_client_books_an_open_time_with_its_fee(sana_open: User, client_ayesha: User) -> None:
    booked = book(client_ayesha, sana_open, karachi(3, 10))
    assert (booked.fee_kind, booked.fee_pkr) == (FeeKind.STANDARD, 3000)
    assert booked.ends_at - booked.starts_at == timedelta(minutes=50)
    assert booked.blocks_until - booked.ends_at == timedelta(minutes=10)


def test_a_time_in_the_past_is_refused(sana_open: User, client_ayesha: User) -> None:
    refused("in_the_past", lambda: book(client_ayesha, sana_open, karachi(-1, 10)))


def test_a_time_outside_the_hours_is_refused(sana_open: User, client_ayesha: User) -> None:
    refused("not_open", lambda: book(client_ayesha, sana_open, karachi(3, 20)))
    refused("not_open", lambda: book(client_ayesha, sana_open, karachi(3, 10, 15)))  # off the grid


def test_a_mode_the_therapist_does_not_offer_is_refused(therapist_sana: User, client_ayesha: User) -> None:
    open_every_day(therapist_sana, offers_video=False)
    refused("mode_not_offered", lambda: book(client_ayesha, therapist_sana, karachi(3, 10), Mode.VIDEO))
    refused("mode_not_offered", lambda: book(client_ayesha, therapist_sana, karachi(3, 10), "telepathy"))


def test_in_person_only_where_the_hours_are_in_person(therapist_sana: User, client_ayesha: User) -> None:
    open_every_day(therapist_sana)
    services.weekly_hours_replace(
        therapist=therapist_sana,
        rows=[services.HoursRow(weekday=d, start=time(9), end=time(17), online=True) for d in range(7)],
    )
    refused("mode_not_at_time", lambda: book(client_ayesha, therapist_sana, karachi(3, 10), Mode.IN_PERSON))


def test_an_unverified_therapist_cannot_be_booked(therapist_bilal: User, client_ayesha: User) -> None:
    open_every_day(therapist_bilal)
    refused("therapist_unavailable", lambda: book(client_ayesha, therapist_bilal, karachi(3, 10)))


def test_only_clients_are_booked_and_only_by_themselves_or_their_therapist(
    sana_open: User, client_ayesha: User, client_kamran: User, admin_farah: User
) -> None:
    refused("not_a_client", lambda: book(admin_farah, sana_open, karachi(3, 10)))
    refused("forbidden", lambda: book(client_ayesha, sana_open, karachi(3, 10), by=client_kamran))


def test_a_therapist_can_book_for_a_client_even_at_short_notice(sana_open: User, client_ayesha: User) -> None:
    soon = karachi(0, 9) + timedelta(days=1)
    booked = book(client_ayesha, sana_open, soon, by=sana_open)
    assert booked.booked_by == sana_open


def test_a_sliding_scale_fee_must_be_in_range(therapist_sana: User, client_ayesha: User) -> None:
    open_every_day(therapist_sana, sliding_scale=True, fee_min_pkr=500)
    refused(
        "bad_fee", lambda: book(client_ayesha, therapist_sana, karachi(3, 10), fee_kind=FeeKind.SLIDING, fee_pkr=100)
    )
    booked = book(client_ayesha, therapist_sana, karachi(3, 10), fee_kind=FeeKind.SLIDING)
    assert (booked.fee_kind, booked.fee_pkr) == (FeeKind.SLIDING, 500)


def test_free_windows_and_free_practices_cost_nothing(therapist_sana: User, client_ayesha: User) -> None:
    open_every_day(therapist_sana)
    services.weekly_hours_replace(
        therapist=therapist_sana,
        rows=[services.HoursRow(weekday=d, start=time(9), end=time(17), free=True) for d in range(7)],
    )
    booked = book(client_ayesha, therapist_sana, karachi(3, 10))
    assert (booked.fee_kind, booked.fee_pkr) == (FeeKind.FREE, 0)


def test_overlapping_hours_and_exceptions_are_refused(therapist_sana: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.weekly_hours_replace(
            therapist=therapist_sana,
            rows=[
                services.HoursRow(weekday=0, start=time(9), end=time(12)),
                services.HoursRow(weekday=0, start=time(11), end=time(14)),
            ],
        )
    assert caught.value.code == "overlapping_hours"
    services.exception_add(
        therapist=therapist_sana, kind=ExceptionKind.UNAVAILABLE, starts_at=karachi(5, 0), ends_at=karachi(6, 0)
    )
    with pytest.raises(ValidationError) as caught:
        services.exception_add(
            therapist=therapist_sana, kind=ExceptionKind.EXTRA, starts_at=karachi(5, 20), ends_at=karachi(5, 22)
        )
    assert caught.value.code == "overlapping_exceptions"
    with pytest.raises(ValidationError):
        services.exception_add(
            therapist=therapist_sana, kind=ExceptionKind.EXTRA, starts_at=karachi(7, 10), ends_at=karachi(7, 9)
        )


def test_booking_terms_are_checked(therapist_sana: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.practice_update(
            therapist=therapist_sana, offers_video=False, offers_audio=False, offers_text=False, offers_in_person=False
        )
    assert "offers_video" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.practice_update(therapist=therapist_sana, offers_in_person=True, clinic_address=" ")
    assert "clinic_address" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.practice_update(therapist=therapist_sana, fee_pkr=1000, sliding_scale=True, fee_min_pkr=2000)
    assert "fee_min_pkr" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.practice_update(therapist=therapist_sana, session_minutes=5)
