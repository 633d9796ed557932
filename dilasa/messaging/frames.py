"""What a page may send over a thread's WebSocket, checked strictly (docs/realtime-protocol.md, messaging).

Every frame is a JSON object of at most 16 KiB whose `type` is one of the frames below and whose other keys
are exactly that frame's fields, each of the right type and size. Anything else raises FrameError with the
code the page is sent back (`too_large`, `bad_frame`, `unknown_type`); nothing of a refused frame is stored.

    hello {last_seq}        once, first: the last seq this page has shown (0 for none); the server replays after it
    send  {id, body}        a message; `id` is a UUID the page chose, resent unchanged until acknowledged
    read  {seq}             the page has shown everything up to `seq`
    ping  {}                keeps the connection (and the page's presence) fresh
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dilasa.core.frames import Frame, bad, checked_object, int_field, uuid_field

MAX_FRAME_BYTES = 16 * 1024
MAX_BODY = 4000  # characters; the same limit as the form (services.BODY_MAX)
MAX_SEQ = 2**31 - 1


@dataclass(frozen=True)
class Hello(Frame):
    last_seq: int


@dataclass(frozen=True)
class Send(Frame):
    id: uuid.UUID
    body: str


@dataclass(frozen=True)
class Read(Frame):
    seq: int


FIELDS: dict[str, frozenset[str]] = {
    "hello": frozenset({"last_seq"}),
    "send": frozenset({"id", "body"}),
    "read": frozenset({"seq"}),
    "ping": frozenset(),
}


def parse(text: str | None, data: bytes | None = None) -> Frame:
    """One checked frame from a WebSocket message, or FrameError."""
    kind, raw = checked_object(text, data, max_bytes=MAX_FRAME_BYTES, fields=FIELDS, unknown_type="unknown_type")
    return BUILDERS[kind](kind, raw)


def _body(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_BODY or not value.strip():
        raise bad()
    if any(ord(char) < 32 and char not in "\n\r\t" for char in value) or "\x7f" in value:
        raise bad()  # control characters have no place in a message
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise bad() from None  # lone surrogates
    return value


BUILDERS: dict[str, Callable[[str, dict[str, Any]], Frame]] = {
    "hello": lambda kind, raw: Hello(kind, last_seq=int_field(raw["last_seq"], 0, MAX_SEQ)),
    "send": lambda kind, raw: Send(kind, id=uuid_field(raw["id"]), body=_body(raw["body"])),
    "read": lambda kind, raw: Read(kind, seq=int_field(raw["seq"], 0, MAX_SEQ)),
    "ping": lambda kind, raw: Frame(kind),
}
