from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from dilasa.accounts.models import Invitation, Role, User


def _clinic_of(admin: User) -> int:
    if admin.organisation_id is None:
        raise ValueError("a clinic admin always belongs to a clinic")
    return admin.organisation_id


def clinic_therapists(*, admin: User) -> QuerySet[User]:
    return User.objects.filter(organisation_id=_clinic_of(admin), role=Role.THERAPIST).order_by(
        "clinic_verified_at", "display_name"
    )


def clinic_admins(*, admin: User) -> QuerySet[User]:
    return User.objects.filter(organisation_id=_clinic_of(admin), role=Role.CLINIC_ADMIN).order_by("display_name")


def clinic_open_invitations(*, admin: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation_id=_clinic_of(admin), accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")
