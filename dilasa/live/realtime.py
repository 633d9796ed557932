"""Live room events, through the one real-time chokepoint (`dilasa.core.realtime`)."""

from __future__ import annotations

from typing import Any

from dilasa.core import realtime


def room_group(room_id: int) -> str:
    return f"live.room.{room_id}"


def publish(room_id: int, message: dict[str, Any]) -> None:
    realtime.publish(room_group(room_id), message)


def publish_on_commit(room_id: int, message: dict[str, Any]) -> None:
    """Send `message` to the room's consumers once the current transaction commits (never if it rolls back)."""
    realtime.publish_on_commit(room_group(room_id), message)
