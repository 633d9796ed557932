"""The schema of what a page may send over the room's WebSocket (docs/realtime-protocol.md), checked strictly.

Every frame is a JSON object of at most 64 KiB whose `type` names one of the frames below and whose other
keys are exactly that frame's fields, each of the right type and size. Anything else raises FrameError with
the code the page is sent back. Relayed data (`signal`) is rebuilt from the checked values, never passed on
as it came.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dilasa.core.frames import Frame, bad, checked_object, int_field, uuid_field
from dilasa.live.models import Feeling, LiveMode

MAX_FRAME_BYTES = 64 * 1024
MAX_SDP = 20_000
MAX_CHAT = 4_000
MAX_CANDIDATE = 2_000
MAX_LAST_SEQ = 2**31 - 1

DESCRIPTION_TYPES = frozenset({"offer", "answer", "rollback"})
MODE_REASONS = frozenset({"user", "auto_loss", "auto_rtt", "auto_bitrate", "recovered"})
RECONNECT_KINDS = frozenset({"socket", "ice", "page"})
TOOLS = frozenset({"pacer"})  # the shared tools a room can open together
TOOL_ACTIONS = frozenset({"start", "stop"})


@dataclass(frozen=True)
class Hello(Frame):
    peer_id: str
    last_seq: int


@dataclass(frozen=True)
class Signal(Frame):
    data: dict[str, Any]


@dataclass(frozen=True)
class Chat(Frame):
    id: uuid.UUID
    body: str


@dataclass(frozen=True)
class ModeChange(Frame):
    mode: str
    reason: str


@dataclass(frozen=True)
class FeelingNow(Frame):
    value: str


@dataclass(frozen=True)
class Reconnected(Frame):
    what: str


@dataclass(frozen=True)
class ToolAction(Frame):
    tool: str
    action: str


# Field names per type; a frame must carry exactly these (plus `type`).
FIELDS: dict[str, frozenset[str]] = {
    "hello": frozenset({"peer_id", "last_seq"}),
    "signal": frozenset({"data"}),
    "admit": frozenset(),
    "chat": frozenset({"id", "body"}),
    "mode": frozenset({"mode", "reason"}),
    "feeling": frozenset({"value"}),
    "reconnected": frozenset({"what"}),
    "tool": frozenset({"tool", "action"}),
    "end": frozenset(),
    "ping": frozenset(),
}


def parse(text: str | None, data: bytes | None = None) -> Frame:
    """One checked frame from a WebSocket message, or FrameError."""
    kind, raw = checked_object(text, data, max_bytes=MAX_FRAME_BYTES, fields=FIELDS)
    return BUILDERS[kind](kind, raw)


BUILDERS: dict[str, Callable[[str, dict[str, Any]], Frame]] = {
    "hello": lambda kind, raw: Hello(
        kind, peer_id=str(uuid_field(raw["peer_id"])), last_seq=int_field(raw["last_seq"], 0, MAX_LAST_SEQ)
    ),
    "signal": lambda kind, raw: Signal(kind, data=_signal_data(raw["data"])),
    "chat": lambda kind, raw: Chat(kind, id=uuid_field(raw["id"]), body=_chat_body(raw["body"])),
    "mode": lambda kind, raw: ModeChange(
        kind, mode=_choice(raw["mode"], LiveMode.values), reason=_choice(raw["reason"], MODE_REASONS)
    ),
    "feeling": lambda kind, raw: FeelingNow(kind, value=_choice(raw["value"], Feeling.values)),
    "reconnected": lambda kind, raw: Reconnected(kind, what=_choice(raw["what"], RECONNECT_KINDS)),
    "tool": lambda kind, raw: ToolAction(
        kind, tool=_choice(raw["tool"], TOOLS), action=_choice(raw["action"], TOOL_ACTIONS)
    ),
    # admit, end, ping: no fields
    "admit": lambda kind, raw: Frame(kind),
    "end": lambda kind, raw: Frame(kind),
    "ping": lambda kind, raw: Frame(kind),
}


def _choice(value: object, allowed: frozenset[str] | list[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise bad()
    return value


def _text(value: object, *, limit: int, empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value):
        raise bad()
    return value


def _optional_text(value: object, *, limit: int) -> str | None:
    return None if value is None else _text(value, limit=limit)


def _chat_body(value: object) -> str:
    body = _text(value, limit=MAX_CHAT, empty=False)
    if not body.strip():
        raise bad()
    return body


def _signal_data(value: object) -> dict[str, Any]:
    if not isinstance(value, dict) or len(value) != 1:
        raise bad()
    if "description" in value:
        return {"description": _description(value["description"])}
    if "candidate" in value:
        return {"candidate": _candidate(value["candidate"])}
    raise bad()


def _description(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"type", "sdp"}:
        raise bad()
    kind = _choice(value["type"], DESCRIPTION_TYPES)
    sdp = _text(value["sdp"], limit=MAX_SDP, empty=kind == "rollback")
    return {"type": kind, "sdp": sdp}


CANDIDATE_FIELDS = frozenset({"candidate", "sdpMid", "sdpMLineIndex", "usernameFragment"})


def _candidate(value: object) -> dict[str, Any] | None:
    if value is None:
        return None  # end of candidates
    if not isinstance(value, dict) or "candidate" not in value or not set(value) <= CANDIDATE_FIELDS:
        raise bad()
    checked: dict[str, Any] = {"candidate": _text(value["candidate"], limit=MAX_CANDIDATE)}
    if "sdpMid" in value:
        checked["sdpMid"] = _optional_text(value["sdpMid"], limit=64)
    if "sdpMLineIndex" in value:
        index = value["sdpMLineIndex"]
        checked["sdpMLineIndex"] = None if index is None else int_field(index, 0, 64)
    if "usernameFragment" in value:
        checked["usernameFragment"] = _optional_text(value["usernameFragment"], limit=256)
    return checked
