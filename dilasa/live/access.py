"""Checked fetches of a session room, for pages and for the WebSocket.

A room opens to the appointment's client and therapist only, for an online appointment that is booked (or
already marked completed), from 10 minutes before its start to 30 minutes after its end, until the
therapist ends it. Everyone else, and anyone at another time, gets "not found": the same answer as for an
appointment that does not exist. The room itself is made on the first allowed visit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.http import Http404
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentKind
from dilasa.consent.selectors import has_consent
from dilasa.live.models import PartyRole, Room, RoomState
from dilasa.scheduling.models import Appointment, Mode, Status

FEEDBACK_DAYS = timedelta(days=14)
JOINABLE_STATUSES = (Status.BOOKED, Status.COMPLETED)


class RoomClosed(Http404):
    """The person is the client or therapist, but the room is not open now. Views may say so; it is still a 404."""

    def __init__(self, *, too_early: bool) -> None:
        super().__init__()
        self.too_early = too_early


class ConsentNeeded(Http404):
    """The client has not accepted the current online-counselling agreement. Views send them to read it;
    everywhere else (the WebSocket) it is a plain 404."""


def party_role(appointment: Appointment, user: User) -> PartyRole | None:
    if user.pk == appointment.client_id:
        return PartyRole.CLIENT
    if user.pk == appointment.therapist_id:
        return PartyRole.THERAPIST
    return None


def _check_open(appointment: Appointment, user: User, now: datetime) -> PartyRole:
    role = party_role(appointment, user)
    if role is None or not user.is_active:
        raise Http404
    if appointment.mode == Mode.IN_PERSON or appointment.status not in JOINABLE_STATUSES:
        raise Http404
    if role == PartyRole.CLIENT and not has_consent(user.pk, ConsentKind.TELECOUNSELLING, now=now):
        raise ConsentNeeded
    phase = appointment.join_phase(now)
    if phase != "open":
        raise RoomClosed(too_early=phase == "early")
    return role


def access_room(*, user: User, appointment_id: int, now: datetime | None = None) -> Room:
    """The appointment's room (made now if need be) if `user` may be in it at this moment; else 404."""
    appointment = Appointment.objects.filter(pk=appointment_id).select_related("client", "therapist").first()
    if appointment is None:
        raise Http404
    _check_open(appointment, user, now or timezone.now())
    room, _created = Room.objects.select_related("appointment").get_or_create(
        appointment=appointment, defaults={"mode": appointment.mode}
    )
    if room.state == RoomState.ENDED:
        raise RoomClosed(too_early=False)
    return room


def access_room_for_socket(*, user: User, room_id: int, now: datetime | None = None) -> tuple[Room, PartyRole]:
    """The same rule for the WebSocket, which names the room; also says which side `user` is on."""
    room = Room.objects.filter(pk=room_id).select_related("appointment").first()
    if room is None:
        raise Http404
    role = _check_open(room.appointment, user, now or timezone.now())
    if room.state == RoomState.ENDED:
        raise Http404
    return room, role


def access_room_after(*, user: User, appointment_id: int, now: datetime | None = None) -> tuple[Room, PartyRole]:
    """The room for the page after the session: its two people, once it has started, for two weeks."""
    room = Room.objects.filter(appointment_id=appointment_id).select_related("appointment").first()
    if room is None:
        raise Http404
    role = party_role(room.appointment, user)
    current = now or timezone.now()
    if role is None or not user.is_active:
        raise Http404
    if room.admitted_at is None and room.state != RoomState.ENDED:
        raise Http404
    if current > room.appointment.ends_at + FEEDBACK_DAYS:
        raise Http404
    return room, role
