"""The hash of one audit event: SHA-256 over the previous hash and the event's fields, canonically encoded.

A sealed reason enters the hash by its own ciphertext (nonce and body), not by the wrapping of its data
key: key rotation re-wraps that key (dilasa.core.crypto.rewrap) without touching the ciphertext, so the
chain survives rotation, while any change to the reason itself still breaks it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

GENESIS = "0" * 64
WRAPPING = 12 + 48  # the wrap nonce and the wrapped data key (dilasa.core.crypto's blob layout)


def sealed_text_part(blob: bytes) -> bytes:
    """The part of a sealed blob that key rotation leaves alone: after the key id and the wrapping."""
    blob = bytes(blob)
    if len(blob) < 3:
        return blob
    return blob[3 + blob[2] + WRAPPING :]


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
        "reason": hashlib.sha256(sealed_text_part(reason)).hexdigest() if reason else None,
        "ip": ip,
    }
    payload = prev_hash + json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()
