"""The room opens 10 minutes before the start and closes 30 minutes after the end, for online, booked appointments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.live import services
from dilasa.live.access import RoomClosed, access_room, access_room_for_socket
from dilasa.live.testing import appointment_soon
from dilasa.live.tests.sockets import Socket, signed_in
from dilasa.scheduling.models import Appointment

# (minutes until the start, mode, status) -> may join; sessions last 50 minutes.
CASES = {
    "11 minutes early": (11, "video", "booked", False),
    "9 minutes early": (9, "video", "booked", True),
    "under way": (-20, "audio", "booked", True),
    "29 minutes after the end": (-79, "text", "booked", True),
    "31 minutes after the end": (-81, "video", "booked", False),
    "marked completed": (-60, "video", "completed", True),
    "cancelled": (5, "video", "cancelled", False),
    "did not attend": (-60, "video", "no_show", False),
    "in person": (5, "in_person", "booked", False),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_who_may_join_when(case: str, client_ayesha: User, therapist_sana: User) -> None:
    minutes, mode, status, allowed = CASES[case]
    item = appointment_soon(client_ayesha, therapist_sana, in_minutes=minutes, mode=mode, status=status)
    for user in (client_ayesha, therapist_sana):
        if allowed:
            room = access_room(user=user, appointment_id=item.pk)
            assert access_room_for_socket(user=user, room_id=room.pk) == (
                room,
                "client" if user == client_ayesha else "therapist",
            )
        else:
            with pytest.raises(Http404):
                access_room(user=user, appointment_id=item.pk)


@pytest.mark.django_db
def test_too_early_and_too_late_say_which(client_ayesha: User, therapist_sana: User) -> None:
    early = appointment_soon(client_ayesha, therapist_sana, in_minutes=60)
    with pytest.raises(RoomClosed) as closed:
        access_room(user=client_ayesha, appointment_id=early.pk)
    assert closed.value.too_early
    late = appointment_soon(client_ayesha, therapist_sana, in_minutes=-200)
    with pytest.raises(RoomClosed) as closed:
        access_room(user=client_ayesha, appointment_id=late.pk)
    assert not closed.value.too_early


@pytest.mark.django_db
def test_the_window_is_checked_again_for_the_socket(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = access_room(user=client_ayesha, appointment_id=appointment.pk)
    later = appointment.ends_at + timedelta(minutes=31)
    with pytest.raises(Http404):
        access_room_for_socket(user=client_ayesha, room_id=room.pk, now=later)
    services.room_end(room_id=room.pk, by=therapist_sana)
    with pytest.raises(Http404):
        access_room_for_socket(user=client_ayesha, room_id=room.pk, now=timezone.now())
    with pytest.raises(RoomClosed):
        access_room(user=client_ayesha, appointment_id=appointment.pk)


@pytest.mark.django_db
def test_nobody_else_gets_a_room_made(appointment: Appointment, client_kamran: User, admin_farah: User) -> None:
    for user in (client_kamran, admin_farah):
        with pytest.raises(Http404):
            access_room(user=user, appointment_id=appointment.pk)
    assert not hasattr(Appointment.objects.get(pk=appointment.pk), "room")


@pytest.fixture
def late_room_id(client_ayesha: User, therapist_sana: User) -> int:
    """A room made while it was open, whose appointment has since moved far into the past."""
    item = appointment_soon(client_ayesha, therapist_sana, in_minutes=5)
    room = access_room(user=client_ayesha, appointment_id=item.pk)
    Appointment.objects.filter(pk=item.pk).update(
        starts_at=item.starts_at - timedelta(hours=3),
        ends_at=item.ends_at - timedelta(hours=3),
        blocks_until=item.blocks_until - timedelta(hours=3),
    )
    return room.pk


@pytest.mark.django_db(transaction=True)
async def test_a_socket_out_of_the_window_is_refused(late_room_id: int, client_ayesha: User) -> None:
    socket = Socket(late_room_id, await signed_in(client_ayesha))
    await socket.open()
    assert await socket.close_code() == 4403
    await socket.close()
