"""Live-session fixtures for tests: an appointment about to start, booked straight into the database.

Booking rules (notice, open hours) belong to scheduling and are tested there; a room only needs an
appointment that exists, so these skip them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.consent.testing import grant_current
from dilasa.scheduling.models import Appointment, Mode, Status


def appointment_at(
    client: User,
    therapist: User,
    *,
    starts_at: datetime,
    minutes: int = 50,
    mode: str = Mode.VIDEO,
    status: str = Status.BOOKED,
    consented: bool = True,
) -> Appointment:
    """An appointment straight into the database; the client has accepted the online-counselling
    agreement unless `consented=False` (dilasa/consent)."""
    if consented:
        grant_current(client)
    if therapist.organisation_id is None:
        raise ValueError("a therapist belongs to a clinic")
    ends_at = starts_at + timedelta(minutes=minutes)
    return Appointment.objects.create(
        client=client,
        therapist=therapist,
        organisation_id=therapist.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + timedelta(minutes=10),
        mode=mode,
        status=status,
        booked_by=client,
    )


def appointment_soon(
    client: User,
    therapist: User,
    *,
    in_minutes: int = 5,
    mode: str = Mode.VIDEO,
    status: str = Status.BOOKED,
    consented: bool = True,
) -> Appointment:
    """An appointment starting `in_minutes` from now (negative: already under way)."""
    starts_at = timezone.now() + timedelta(minutes=in_minutes)
    return appointment_at(client, therapist, starts_at=starts_at, mode=mode, status=status, consented=consented)
