"""Reads of the audit trail: what a client may see about themselves, what a clinic admin may see, and
whether an admin holds an emergency (break-glass) grant."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from dilasa.accounts.models import Role
from dilasa.audit.models import EmergencyGrant


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
