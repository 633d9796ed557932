"""Checked fetches of audit entries: "not found" for missing and forbidden alike."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.selectors import clinic_log
from dilasa.audit.services import reason_context, record
from dilasa.core.crypto import unseal
from dilasa.scheduling.selectors import in_care


def access_log_entry(*, user: User, seq: int) -> AccessEvent:
    """One event: for a clinic admin, any event of their clinic's log; for a therapist, an emergency access
    to a client in their care (the notice they were sent links here)."""
    event: AccessEvent | None = None
    if user.is_clinic_admin and user.organisation_id is not None:
        event = clinic_log(organisation_id=user.organisation_id).filter(seq=seq).first()
    elif user.is_therapist:
        event = (
            AccessEvent.objects.filter(seq=seq, action=Action.BREAK_GLASS).select_related("actor", "subject").first()
        )
        if event is not None and (
            event.subject_id is None or not in_care(therapist_id=user.pk, client_id=event.subject_id)
        ):
            event = None
    if event is None:
        raise Http404
    return event


def access_entry_reason(*, user: User, event: AccessEvent) -> str:
    """The sealed reason of an emergency access, opened for `user` (already checked by `access_log_entry`);
    reading it is itself recorded, as it may say something about the client."""
    if event.reason is None:
        return ""
    with transaction.atomic():
        record(
            actor=user,
            subject_id=event.subject_id,
            action=Action.READ,
            target=f"audit.reason:{event.seq}",
            purpose=Purpose.CARE if user.is_therapist else Purpose.ADMINISTRATION,
        )
        return unseal(bytes(event.reason), context=reason_context(event.seq))
