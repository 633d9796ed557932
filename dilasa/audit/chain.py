"""The hash of one audit event: SHA-256 over the previous hash and the event's fields, canonically encoded."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

GENESIS = "0" * 64


def event_hash(
    *,
    prev_hash: str,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_role: str,
    subject_id: int | None,
    action: str,
    target: str,
    purpose: str,
    reason: bytes | None,
    ip: str | None,
) -> str:
    fields = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_role": actor_role,
        "subject": subject_id,
        "action": action,
        "target": target,
        "purpose": purpose,
        "reason": hashlib.sha256(reason).hexdigest() if reason else None,
        "ip": ip,
    }
    payload = prev_hash + json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()
