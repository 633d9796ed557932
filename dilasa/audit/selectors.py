"""Reads of the audit trail: what a client may see about themselves, what a clinic admin may see, and
whether an admin holds an emergency (break-glass) grant."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from dilasa.accounts.models import Role, User
from dilasa.audit.models import AccessEvent, EmergencyGrant
from dilasa.scheduling.selectors import clinic_clients


def active_emergency_grant(admin_id: int, client_id: int, now: datetime | None = None) -> EmergencyGrant | None:
    """The admin's unexpired break-glass grant for this client, if any.

    For `access_*` functions: an admin holding one may read the client's records with Purpose.EMERGENCY
    (and must still call `record` for each read). A grant dies with its expiry, or when the admin stops
    being an active clinic admin.
    """
    now = now or timezone.now()
    return (
        EmergencyGrant.objects.filter(
            admin_id=admin_id,
            client_id=client_id,
            granted_at__lte=now,
            expires_at__gt=now,
            admin__is_active=True,
            admin__role=Role.CLINIC_ADMIN,
        )
        .order_by("-expires_at")
        .first()
    )


def seen_by_others(*, client: User) -> QuerySet[AccessEvent]:
    """Every event about the client's data by someone else (staff, or the system), newest first."""
    return (
        AccessEvent.objects.filter(subject_id=client.pk)
        .exclude(actor_id=client.pk)
        .select_related("actor", "actor__organisation")
        .order_by("-seq")
    )


def clinic_log(
    *,
    organisation_id: int,
    person_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AccessEvent]:
    """What a clinic's admin may see: everything the clinic's staff did, and every access to the clinic's
    clients by them or by no clinic (the client, the system). Another clinic's staff reading a shared
    client stays in that clinic's log, with its addresses (docs/decisions.md)."""
    staff = User.objects.filter(organisation_id=organisation_id).values("pk")
    clients = clinic_clients(organisation_id=organisation_id).values("pk")
    events = AccessEvent.objects.filter(
        Q(actor_id__in=staff) | Q(subject_id__in=clients, actor__organisation__isnull=True)
    )
    if person_id is not None:
        events = events.filter(Q(actor_id=person_id) | Q(subject_id=person_id))
    if since is not None:
        events = events.filter(at__gte=since)
    if until is not None:
        events = events.filter(at__lt=until)
    return events.select_related("actor", "subject").order_by("-seq")


def clinic_people(*, organisation_id: int) -> QuerySet[User]:
    """The people a clinic admin may filter the log by: the clinic's staff."""
    return User.objects.filter(organisation_id=organisation_id).order_by("display_name")


def open_grants(*, admin: User, now: datetime | None = None) -> QuerySet[EmergencyGrant]:
    now = now or timezone.now()
    return (
        EmergencyGrant.objects.filter(admin=admin, expires_at__gt=now)
        .select_related("client", "event")
        .order_by("-expires_at")
    )


def grant_of(*, event: AccessEvent) -> EmergencyGrant | None:
    return EmergencyGrant.objects.filter(event=event).first()
