"""Writing the audit trail. Every `access_*` function that reads or writes clinical data calls `record`
inside the same transaction as the access, so an access that commits is always recorded."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.audit.chain import GENESIS, event_hash
from dilasa.audit.models import AccessEvent, Action, ChainHead, Purpose
from dilasa.audit.origin import current_origin
from dilasa.core.crypto import seal


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
