"""Reads for scheduling: open slots, calendars, a person's appointments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.scheduling.models import Appointment, Status
from dilasa.scheduling.slots import Slot, open_slots, open_slots_for_many


def therapists_with_open_slots(
    *, therapist_ids: Iterable[int], start: datetime, end: datetime, mode: str | None = None
) -> set[int]:
    """The therapists among `therapist_ids` with at least one bookable slot in [start, end) (in `mode` if given)."""
    by_therapist = open_slots_for_many(therapist_ids=therapist_ids, start=start, end=end)
    return {
        therapist_id
        for therapist_id, slots in by_therapist.items()
        if any(mode is None or mode in slot.modes for slot in slots)
    }


def next_open_slot(*, therapist_id: int, after: datetime, until: datetime, mode: str | None = None) -> Slot | None:
    for slot in open_slots(therapist_id=therapist_id, start=after, end=until):
        if mode is None or mode in slot.modes:
            return slot
    return None


def upcoming_for_client(*, client: User, now: datetime) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(client=client, status=Status.BOOKED, ends_at__gt=now)
        .select_related("therapist")
        .order_by("starts_at")
    )


def history_for_client(*, client: User, now: datetime) -> QuerySet[Appointment]:
    """Everything else, with every therapist the client has seen: history stays with the client."""
    return (
        Appointment.objects.filter(client=client)
        .exclude(status=Status.BOOKED, ends_at__gt=now)
        .select_related("therapist")
        .order_by("-starts_at")
    )


def therapist_calendar(*, therapist: User, start: datetime, end: datetime) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(therapist=therapist, starts_at__lt=end, ends_at__gt=start)
        .exclude(status=Status.CANCELLED)
        .select_related("client")
        .order_by("starts_at")
    )


def therapist_clients(*, therapist: User) -> QuerySet[User]:
    """Clients who have booked with this therapist: the ones they may book for."""
    ids = Appointment.objects.filter(therapist=therapist).values("client_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("display_name")


def slots_by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """Group slots by the viewer's local date (the active time zone)."""
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return sorted(days.items())


CARE_STATUSES = (Status.BOOKED, Status.COMPLETED, Status.NO_SHOW)


def in_care(*, therapist_id: int, client_id: int) -> bool:
    """Is this client in this therapist's care: a booked, held or missed (not cancelled) appointment together.

    The one definition of the care relationship: messaging, clinical records and the audit's notices use it.
    """
    return Appointment.objects.filter(therapist_id=therapist_id, client_id=client_id, status__in=CARE_STATUSES).exists()


def care_team(*, client_id: int) -> QuerySet[User]:
    """The therapists who have this client in their care."""
    ids = Appointment.objects.filter(client_id=client_id, status__in=CARE_STATUSES).values("therapist_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("display_name")


def clinic_clients(*, organisation_id: int) -> QuerySet[User]:
    """Clients in the care of any of this clinic's therapists (what a clinic admin may see about)."""
    ids = Appointment.objects.filter(therapist__organisation_id=organisation_id, status__in=CARE_STATUSES).values(
        "client_id"
    )
    return User.objects.filter(pk__in=ids)
