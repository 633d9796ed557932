"""Envelope encryption for clinical text: the only module that touches keys.

Each sealed value gets its own random data key (AES-256-GCM). The data key is
wrapped by a key-encryption key (KEK) that lives outside the database and the
repository, named by a key id stored beside the ciphertext. The caller's
`context` (for example "live.chat:<room>:<uuid>") is bound as associated data,
so a ciphertext copied to another record or field does not open.

Blob layout (bytes): b"D1" | len(kid) | kid | wrap nonce (12) | wrapped key (48) | nonce (12) | ciphertext.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

MAGIC = b"D1"
NONCE = 12


class SealError(Exception):
    """A blob that does not open: wrong context, unknown key, or tampered bytes."""


@dataclass(frozen=True)
class Keyring:
    active: str
    keys: dict[str, bytes]


def parse_keys(text: str) -> dict[str, bytes]:
    """'kid:base64,kid2:base64' -> {kid: 32-byte key}; loud on anything malformed."""
    keys: dict[str, bytes] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        kid, _, encoded = item.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            key = b""
        if not kid or len(kid) > 32 or len(key) != 32:
            raise ImproperlyConfigured("DILASA_DATA_KEYS must be 'id:base64-of-32-bytes', comma-separated.")
        keys[kid] = key
    return keys


def _dev_key_file(path: Path) -> dict[str, bytes]:
    """On a development or test machine, a key made once and kept in var/ (never committed)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        kid = "dev-" + secrets.token_hex(4)
        payload = {"active": kid, "keys": {kid: base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(payload, handle)
    data = json.loads(path.read_text())
    return {"__active__": data["active"].encode()} | parse_keys(",".join(f"{k}:{v}" for k, v in data["keys"].items()))


@cache
def keyring() -> Keyring:
    configured: str = getattr(settings, "DATA_KEYS", "")
    key_file: str | None = getattr(settings, "DATA_KEY_FILE", None)
    if configured:
        keys = parse_keys(configured)
        active = getattr(settings, "DATA_KEY_ID", "") or next(iter(keys))
    elif key_file:
        loaded = _dev_key_file(Path(key_file))
        active = loaded.pop("__active__").decode()
        keys = loaded
    else:
        raise ImproperlyConfigured("DILASA_DATA_KEYS must be set: clinical text cannot be stored without a key.")
    if active not in keys:
        raise ImproperlyConfigured(f"DILASA_DATA_KEY_ID {active!r} is not among DILASA_DATA_KEYS.")
    return Keyring(active=active, keys=keys)


def seal_bytes(plaintext: bytes, *, context: str) -> bytes:
    ring = keyring()
    kid = ring.active.encode()
    data_key = AESGCM.generate_key(bit_length=256)
    wrap_nonce, nonce = os.urandom(NONCE), os.urandom(NONCE)
    wrapped = AESGCM(ring.keys[ring.active]).encrypt(wrap_nonce, data_key, kid + b"|" + context.encode())
    body = AESGCM(data_key).encrypt(nonce, plaintext, context.encode())
    return MAGIC + bytes([len(kid)]) + kid + wrap_nonce + wrapped + nonce + body


def seal(plaintext: str, *, context: str) -> bytes:
    return seal_bytes(plaintext.encode(), context=context)


@dataclass(frozen=True)
class _Parts:
    kid: str
    wrap_nonce: bytes
    wrapped: bytes
    nonce: bytes
    body: bytes


def _split(blob: bytes) -> _Parts:
    if blob[:2] != MAGIC:
        raise SealError("not a sealed value")
    size = blob[2]
    rest = blob[3 + size :]
    parts = _Parts(
        kid=blob[3 : 3 + size].decode(),
        wrap_nonce=rest[:NONCE],
        wrapped=rest[NONCE : NONCE + 48],
        nonce=rest[NONCE + 48 : 2 * NONCE + 48],
        body=rest[2 * NONCE + 48 :],
    )
    if len(parts.wrapped) != 48 or len(parts.nonce) != NONCE:
        raise SealError("truncated")
    return parts


def _data_key(parts: _Parts, context: str) -> bytes:
    key = keyring().keys.get(parts.kid)
    if key is None:
        raise SealError("unknown key id")
    return AESGCM(key).decrypt(parts.wrap_nonce, parts.wrapped, parts.kid.encode() + b"|" + context.encode())


def unseal_bytes(blob: bytes, *, context: str) -> bytes:
    try:
        parts = _split(bytes(blob))
        return AESGCM(_data_key(parts, context)).decrypt(parts.nonce, parts.body, context.encode())
    except (InvalidTag, IndexError, UnicodeDecodeError, ValueError) as error:
        raise SealError("the sealed value does not open") from error


def unseal(blob: bytes, *, context: str) -> str:
    try:
        return unseal_bytes(blob, context=context).decode()
    except UnicodeDecodeError as error:
        raise SealError("the sealed value does not open") from error


def rewrap(blob: bytes, *, context: str) -> bytes:
    """The same value with its data key wrapped by the active key; the body's ciphertext is unchanged.

    Key rotation needs only this: no plaintext is ever produced, and a blob already under the active key
    comes back as it is.
    """
    try:
        parts = _split(bytes(blob))
        ring = keyring()
        if parts.kid == ring.active:
            return bytes(blob)
        data_key = _data_key(parts, context)
    except (InvalidTag, IndexError, UnicodeDecodeError, ValueError) as error:
        raise SealError("the sealed value does not open") from error
    kid = ring.active.encode()
    wrap_nonce = os.urandom(NONCE)
    wrapped = AESGCM(ring.keys[ring.active]).encrypt(wrap_nonce, data_key, kid + b"|" + context.encode())
    return MAGIC + bytes([len(kid)]) + kid + wrap_nonce + wrapped + parts.nonce + parts.body


def key_id_of(blob: bytes) -> str:
    blob = bytes(blob)
    return blob[3 : 3 + blob[2]].decode()


# Every column that holds sealed values, with how to rebuild its context from the row: the rotation
# command walks these, and a test checks that every BinaryField in the project is declared here.
@dataclass(frozen=True)
class SealedColumn:
    model: type[models.Model]
    field: str
    context: Callable[[Any], str]

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


_COLUMNS: dict[str, SealedColumn] = {}


def register_sealed(model: type[models.Model], field: str, context: Callable[[Any], str]) -> None:
    """Declare a sealed column (call from the app's `AppConfig.ready`)."""
    column = SealedColumn(model=model, field=field, context=context)
    _COLUMNS[column.label] = column


def sealed_columns() -> list[SealedColumn]:
    return list(_COLUMNS.values())
