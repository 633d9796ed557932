"""Test helpers for the audit: a care relationship made straight in the database."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.scheduling.models import Appointment, Mode, Status


def in_care_of(client: User, therapist: User, *, days: int = 1) -> Appointment:
    """A booked online appointment `days` from now: the client is in the therapist's (and clinic's) care."""
    if therapist.organisation_id is None:
        raise ValueError("a therapist belongs to a clinic")
    starts_at = timezone.now() + timedelta(days=days)
    ends_at = starts_at + timedelta(minutes=50)
    return Appointment.objects.create(
        client=client,
        therapist=therapist,
        organisation_id=therapist.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + timedelta(minutes=10),
        mode=Mode.VIDEO,
        status=Status.BOOKED,
        booked_by=client,
    )
