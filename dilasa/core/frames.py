"""The strict reading every WebSocket shares: a JSON object within a size limit, whose `type` is known and
whose other keys are exactly that type's fields. Each app's frames.py declares its fields and builds its
typed frames from the checked object (live.frames, messaging.frames)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any


class FrameError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def bad() -> FrameError:
    return FrameError("bad_frame")


@dataclass(frozen=True)
class Frame:
    type: str


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def checked_object(
    text: str | None,
    data: bytes | None,
    *,
    max_bytes: int,
    fields: dict[str, frozenset[str]],
    unknown_type: str = "bad_frame",
) -> tuple[str, dict[str, Any]]:
    """(type, object) of one WebSocket message, or FrameError: `too_large`, `bad_frame`, or `unknown_type`
    (the code named by the caller) for a type not in `fields`."""
    if text is None:
        raise FrameError("too_large" if data is not None and len(data) > max_bytes else "bad_frame")
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise FrameError("too_large")
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise bad() from None
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise bad()
    kind: str = raw["type"]
    expected = fields.get(kind)
    if expected is None:
        raise FrameError(unknown_type)
    if set(raw) - {"type"} != expected:
        raise bad()
    return kind, raw


def uuid_field(value: object) -> uuid.UUID:
    if not isinstance(value, str) or len(value) != 36:
        raise bad()
    try:
        return uuid.UUID(value)
    except ValueError:
        raise bad() from None


def int_field(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad()
    return value
