"""The one way live events leave the database side: to the room's channel-layer group, after commit.

The channel layer is at-most-once; pages recover anything missed from the database (chat replay).
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def room_group(room_id: int) -> str:
    return f"live.room.{room_id}"


def publish(room_id: int, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(room_group(room_id), message)


def publish_on_commit(room_id: int, message: dict[str, Any]) -> None:
    """Send `message` to the room's consumers once the current transaction commits (never if it rolls back)."""
    transaction.on_commit(lambda: publish(room_id, message), robust=True)
