"""Writing the audit trail. Every `access_*` function that reads or writes clinical data calls `record`
inside the same transaction as the access, so an access that commits is always recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.audit.chain import GENESIS, event_hash
from dilasa.audit.models import AccessEvent, Action, ChainHead, EmergencyGrant, Purpose
from dilasa.audit.origin import current_origin
from dilasa.core.crypto import seal
from dilasa.core.i18n import local_datetime
from dilasa.core.languages import supported, zone_named
from dilasa.core.notify import notify, site_link
from dilasa.scheduling.selectors import care_team, clinic_clients

EMERGENCY_REASON_MIN = 20
EMERGENCY_REASON_MAX = 1000
EMERGENCY_GRANT_LIFETIME = timedelta(minutes=60)


def reason_context(seq: int) -> str:
    return f"audit.reason:{seq}"


def record(
    *,
    actor: User | None,
    subject_id: int | None,
    action: Action,
    target: str,
    purpose: Purpose,
    reason: str = "",
) -> AccessEvent:
    """Append one event to the chain. `target` names the object ("records.note:12"), never its content."""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
        seq = head.seq + 1
        at = timezone.now()
        sealed = seal(reason, context=reason_context(seq)) if reason else None
        ip = current_origin()
        role = actor.role if actor is not None else ""
        digest = event_hash(
            prev_hash=head.hash,
            seq=seq,
            at=at,
            actor_id=actor.pk if actor else None,
            actor_role=role,
            subject_id=subject_id,
            action=action,
            target=target,
            purpose=purpose,
            reason=sealed,
            ip=ip,
        )
        event = AccessEvent.objects.create(
            seq=seq,
            at=at,
            actor=actor,
            actor_role=role,
            subject_id=subject_id,
            action=action,
            target=target,
            purpose=purpose,
            reason=sealed,
            ip=ip,
            prev_hash=head.hash,
            hash=digest,
        )
        ChainHead.objects.filter(pk=1).update(seq=seq, hash=digest)
        return event


def record_once(
    *, actor: User, subject_id: int | None, action: Action, target: str, purpose: Purpose
) -> AccessEvent | None:
    """`record`, unless this actor already has this action on this target in the trail: for streams such as
    chat lines, where the messages themselves say when each was written and one event per person and
    session tells the client who wrote there. The caller holds a lock on the target (no double first)."""
    if AccessEvent.objects.filter(actor=actor, action=action, target=target).exists():
        return None
    return record(actor=actor, subject_id=subject_id, action=action, target=target, purpose=purpose)


@dataclass(frozen=True)
class ChainCheck:
    events: int
    broken_at: int | None  # the seq of the first event that does not fit, or None
    problem: str = ""


def verify_chain(*, batch: int = 1000) -> ChainCheck:
    prev, expected_seq, count = GENESIS, 1, 0
    last_seq = 0
    while True:
        chunk = list(AccessEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not chunk:
            break
        for event in chunk:
            count += 1
            if event.seq != expected_seq:
                return ChainCheck(count, event.seq, f"expected event #{expected_seq}, found #{event.seq}")
            if event.prev_hash != prev:
                return ChainCheck(count, event.seq, "does not point to the event before it")
            digest = event_hash(
                prev_hash=event.prev_hash,
                seq=event.seq,
                at=event.at,
                actor_id=event.actor_id,
                actor_role=event.actor_role,
                subject_id=event.subject_id,
                action=event.action,
                target=event.target,
                purpose=event.purpose,
                reason=bytes(event.reason) if event.reason is not None else None,
                ip=event.ip,
            )
            if digest != event.hash:
                return ChainCheck(count, event.seq, "its contents were changed")
            prev, expected_seq, last_seq = event.hash, expected_seq + 1, event.seq
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.seq != last_seq:
        return ChainCheck(count, last_seq + 1, f"the chain ends at #{last_seq} but #{head.seq} was written")
    return ChainCheck(count, None)


def log_export_record(*, admin: User) -> AccessEvent:
    """A CSV download of the clinic's access log: not clinical data, but an export worth a line of its own."""
    return record(
        actor=admin,
        subject_id=None,
        action=Action.EXPORT,
        target=f"audit.log:{admin.organisation_id}",
        purpose=Purpose.ADMINISTRATION,
    )


def client_target(client_id: int) -> str:
    """The target of a break-glass event: the client's whole record."""
    return f"records.client:{client_id}"


def emergency_access_open(*, admin: User, client_id: int, reason: str, now: datetime | None = None) -> EmergencyGrant:
    """Break the glass: a written reason, a BREAK_GLASS event with it sealed, a grant for one hour, and a
    neutral notice to the client's therapists. Only a clinic admin, only for a client of their clinic."""
    reason = reason.strip()
    if len(reason) < EMERGENCY_REASON_MIN:
        raise ValidationError(
            _("Write the reason in at least %(count)d characters.") % {"count": EMERGENCY_REASON_MIN},
            code="reason_short",
        )
    if len(reason) > EMERGENCY_REASON_MAX:
        raise ValidationError(
            _("Write the reason in at most %(count)d characters.") % {"count": EMERGENCY_REASON_MAX},
            code="reason_long",
        )
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise ValidationError(_("Only a clinic administrator can do this."), code="not_admin")
    if not clinic_clients(organisation_id=admin.organisation_id).filter(pk=client_id).exists():
        raise ValidationError(_("This person is not a client of your clinic."), code="not_client")
    with transaction.atomic():
        event = record(
            actor=admin,
            subject_id=client_id,
            action=Action.BREAK_GLASS,
            target=client_target(client_id),
            purpose=Purpose.EMERGENCY,
            reason=reason,
        )
        # The grant runs from the event's own time, so the log and the grant agree to the microsecond.
        grant = EmergencyGrant.objects.create(
            admin=admin,
            client_id=client_id,
            granted_at=event.at,
            expires_at=event.at + EMERGENCY_GRANT_LIFETIME,
            event=event,
        )
        therapists = list(care_team(client_id=client_id))
        transaction.on_commit(lambda: _tell_care_team(admin=admin, event=event, therapists=therapists))
    return grant


def _tell_care_team(*, admin: User, event: AccessEvent, therapists: list[User]) -> None:
    """A neutral notice: who opened records in an emergency and where to read the entry. No client name,
    no reason, no clinical word: the link needs a sign-in."""
    link = site_link(reverse("audit:entry", args=[event.seq]))
    for therapist in therapists:
        with (
            translation.override(supported(therapist.language) or settings.LANGUAGE_CODE),
            timezone.override(zone_named(therapist.time_zone)),
        ):
            context = {
                "admin": admin.display_name,
                "clinic": admin.organisation.name if admin.organisation else "",
                "when": local_datetime(event.at),
                "link": link,
            }
            subject = render_to_string("audit/notices/emergency_subject.txt", context).strip()
            body = render_to_string("audit/notices/emergency_body.txt", context).strip()
        notify(channel=str(therapist.login_kind), to=therapist.login, subject=subject, body=body)
