"""Cancelling and moving follow the clinic's policy: cut-off hours and late-cancel marking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.models import Appointment, ClinicPolicy, Mode, Status
from dilasa.scheduling.testing import karachi, open_every_day


@pytest.fixture
def sana_open(therapist_sana: User) -> User:
    open_every_day(therapist_sana, min_notice_hours=1)
    return therapist_sana


def book(client: User, therapist: User, when) -> Appointment:
    return services.appointment_book(
        client=client, therapist=therapist, starts_at=when, mode=Mode.VIDEO, booked_by=client
    )


def test_cancelling_early_is_not_late(sana_open: User, client_ayesha: User) -> None:
    item = services.appointment_cancel(appointment=book(client_ayesha, sana_open, karachi(5, 10)), by=client_ayesha)
    assert (item.status, item.late_cancel) == (Status.CANCELLED, False)


def test_a_client_cancelling_inside_the_cut_off_is_marked_late(sana_open: User, client_ayesha: User) -> None:
    ClinicPolicy.objects.create(organisation_id=sana_open.organisation_id, cancel_cutoff_hours=24 * 3)
    item = services.appointment_cancel(appointment=book(client_ayesha, sana_open, karachi(2, 10)), by=client_ayesha)
    assert item.late_cancel


def test_a_therapist_cancelling_is_never_the_clients_late_cancel(sana_open: User, client_ayesha: User) -> None:
    ClinicPolicy.objects.create(organisation_id=sana_open.organisation_id, cancel_cutoff_hours=24 * 3)
    item = services.appointment_cancel(appointment=book(client_ayesha, sana_open, karachi(2, 10)), by=sana_open)
    assert not item.late_cancel


def test_nobody_else_can_cancel(sana_open: User, client_ayesha: User, client_kamran: User) -> None:
    item = book(client_ayesha, sana_open, karachi(5, 10))
    with pytest.raises(ValidationError):
        services.appointment_cancel(appointment=item, by=client_kamran)
    item.refresh_from_db()
    assert item.status == Status.BOOKED


def test_cancelling_twice_says_it_is_no_longer_booked(sana_open: User, client_ayesha: User) -> None:
    item = book(client_ayesha, sana_open, karachi(5, 10))
    services.appointment_cancel(appointment=item, by=client_ayesha)
    with pytest.raises(ValidationError) as caught:
        services.appointment_cancel(appointment=item, by=client_ayesha)
    assert caught.value.code == "not_booked"


def test_moving_frees_the_old_time_and_keeps_the_link(
    sana_open: User, client_ayesha: User, client_kamran: User
) -> None:
    item = book(client_ayesha, sana_open, karachi(5, 10))
    moved = services.appointment_reschedule(appointment=item, by=client_ayesha, starts_at=karachi(5, 11))
    item.refresh_from_db()
    assert item.status == Status.CANCELLED
    assert moved.rescheduled_from == item
    assert book(client_kamran, sana_open, karachi(5, 10)).status == Status.BOOKED


def test_moving_to_a_taken_time_keeps_the_original(sana_open: User, client_ayesha: User, client_kamran: User) -> None:
    mine = book(client_ayesha, sana_open, karachi(5, 10))
    book(client_kamran, sana_open, karachi(5, 11))
    with pytest.raises(services.SlotTakenError):
        services.appointment_reschedule(appointment=mine, by=client_ayesha, starts_at=karachi(5, 11))
    mine.refresh_from_db()
    assert mine.status == Status.BOOKED


def test_a_client_cannot_move_inside_the_cut_off_but_the_therapist_can(sana_open: User, client_ayesha: User) -> None:
    ClinicPolicy.objects.create(organisation_id=sana_open.organisation_id, reschedule_cutoff_hours=24 * 3)
    item = book(client_ayesha, sana_open, karachi(2, 10))
    with pytest.raises(ValidationError) as caught:
        services.appointment_reschedule(appointment=item, by=client_ayesha, starts_at=karachi(6, 10))
    assert caught.value.code == "too_late"
    moved = services.appointment_reschedule(appointment=item, by=sana_open, starts_at=karachi(6, 10))
    assert moved.starts_at == karachi(6, 10)


def test_the_therapist_records_attendance_only_after_the_start(sana_open: User, client_ayesha: User) -> None:
    item = book(client_ayesha, sana_open, karachi(5, 10))
    with pytest.raises(ValidationError):
        services.appointment_mark(appointment=item, by=sana_open, status=Status.NO_SHOW)
    Appointment.objects.filter(pk=item.pk).update(
        starts_at=item.starts_at - timedelta(days=6),
        ends_at=item.ends_at - timedelta(days=6),
        blocks_until=item.blocks_until - timedelta(days=6),
    )
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        services.appointment_mark(appointment=item, by=client_ayesha, status=Status.COMPLETED)
    assert services.appointment_mark(appointment=item, by=sana_open, status=Status.NO_SHOW).status == Status.NO_SHOW


def test_a_clinic_admin_sets_the_cut_offs_and_nobody_else_can(
    admin_farah: User, therapist_sana: User, client_ayesha: User
) -> None:
    from django.urls import reverse

    from dilasa.testing import signed_in_client

    url = reverse("scheduling:clinic_policy")
    assert signed_in_client(therapist_sana).post(url, {"cancel_cutoff_hours": 1}).status_code == 403
    assert signed_in_client(client_ayesha).get(url).status_code == 403
    admin = signed_in_client(admin_farah)
    assert admin.post(url, {"cancel_cutoff_hours": "-3", "reschedule_cutoff_hours": "12"}).status_code == 400
    assert admin.post(url, {"cancel_cutoff_hours": "48", "reschedule_cutoff_hours": "12"}).status_code == 302
    policy = ClinicPolicy.objects.get(organisation_id=admin_farah.organisation_id)
    assert (policy.cancel_cutoff_hours, policy.reschedule_cutoff_hours) == (48, 12)
