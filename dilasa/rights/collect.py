"""Everything Dilasa holds about one client, as plain JSON-ready data.

Rights reads the apps below it directly where they have no export module of their own (accounts,
scheduling, payments, consent, audit) and calls `dilasa.<app>.export.export_for_client(client)` for the
apps that unseal their own content (live, messaging, records). Every query is filtered by this client:
nothing of another person's appears, except the display names of the staff who served them.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from django.conf import settings

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent
from dilasa.audit.targets import describe
from dilasa.consent.models import ConsentEvent
from dilasa.payments.models import Payment
from dilasa.scheduling.models import Appointment

FORMAT = "dilasa-export/1"
# Apps that export their own (sealed) content; a missing module is skipped, so the order of delivery of
# the apps does not matter.
EXPORTING_APPS = ("live", "messaging", "records", "outcomes", "safety", "techniques", "onboarding")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def profile(client: User) -> dict[str, Any]:
    return {
        "id": client.pk,
        "display_name": client.display_name,
        "login": client.login,
        "login_kind": client.login_kind,
        "language": client.language,
        "time_zone": client.time_zone,
        "joined_at": _iso(client.date_joined),
        "verified_at": _iso(client.verified_at),
    }


def appointments(client: User) -> list[dict[str, Any]]:
    rows = Appointment.objects.filter(client=client).select_related("therapist", "organisation").order_by("starts_at")
    return [
        {
            "id": item.pk,
            "therapist": item.therapist.display_name,
            "clinic": item.organisation.name,
            "starts_at": _iso(item.starts_at),
            "ends_at": _iso(item.ends_at),
            "mode": item.mode,
            "status": item.status,
            "fee_pkr": item.fee_pkr,
            "booked_at": _iso(item.created_at),
            "cancelled_at": _iso(item.cancelled_at),
            "late_cancel": item.late_cancel,
        }
        for item in rows
    ]


def payments(client: User) -> list[dict[str, Any]]:
    rows = Payment.objects.filter(payer=client).select_related("organisation").order_by("created_at")
    return [
        {
            "receipt": payment.receipt_number,
            "appointment_id": payment.appointment_id,
            "clinic": payment.organisation.name,
            "amount_pkr": payment.amount_pkr,
            "method": payment.method,
            "reference": payment.reference,
            "status": payment.status,
            "paid_at": _iso(payment.created_at),
            "reviewed_at": _iso(payment.reviewed_at),
        }
        for payment in rows
    ]


def consents(client: User) -> list[dict[str, Any]]:
    rows = ConsentEvent.objects.filter(client=client).select_related("document").order_by("at", "pk")
    return [
        {
            "kind": event.kind,
            "event": event.event,
            "version": event.document.version,
            "language": event.language,
            "text_sha256": event.content_hash,
            "at": _iso(event.at),
        }
        for event in rows
    ]


def access_log(client: User) -> list[dict[str, Any]]:
    """Who opened what about this client, when and why. The staff member's address is theirs, not the
    client's, so it is left out; an emergency's written reason is on the client's access page."""
    rows = AccessEvent.objects.filter(subject_id=client.pk).order_by("seq")
    names = dict(User.objects.filter(pk__in={e.actor_id for e in rows if e.actor_id}).values_list("pk", "display_name"))
    return [
        {
            "at": _iso(event.at),
            "who": "you" if event.actor_id == client.pk else names.get(event.actor_id or 0, ""),
            "role": event.actor_role,
            "action": event.action,
            "what": describe(event.target),
            "target": event.target,
            "purpose": event.purpose,
        }
        for event in rows
    ]


def from_apps(client: User) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for app in EXPORTING_APPS:
        name = f"dilasa.{app}.export"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name != name:
                raise
            continue
        found[app] = module.export_for_client(client)
    return found


def everything(client: User, *, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "generated_at": now.isoformat(),
        "site": settings.SITE_URL,
        "profile": profile(client),
        "appointments": appointments(client),
        "payments": payments(client),
        "consents": consents(client),
        "access_log": access_log(client),
        **from_apps(client),
    }
