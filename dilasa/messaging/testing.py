"""Messaging fixtures for tests: a client in a therapist's care (an appointment straight in the database)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.scheduling.models import Appointment, Mode, Status


def put_in_care(client: User, therapist: User, *, status: str = Status.BOOKED) -> Appointment:
    """A booked appointment next week: the client is in the therapist's care (scheduling.selectors.in_care)."""
    if therapist.organisation_id is None:
        raise ValueError("a therapist belongs to a clinic")
    taken = Appointment.objects.filter(Q(therapist=therapist) | Q(client=client)).count()  # never overlapping
    starts_at = timezone.now() + timedelta(days=7, hours=2 * taken)
    ends_at = starts_at + timedelta(minutes=50)
    return Appointment.objects.create(
        client=client,
        therapist=therapist,
        organisation_id=therapist.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + timedelta(minutes=10),
        mode=Mode.VIDEO,
        status=status,
        booked_by=client,
    )
