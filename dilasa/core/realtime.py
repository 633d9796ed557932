"""The one way real-time events leave the database side: to a channel-layer group, after commit.

The channel layer is at-most-once; pages recover anything missed from the database (replay by `seq`).
Each app names its own groups (`live.room.<id>`, `messaging.thread.<id>`, ...).
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def publish(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)


def publish_on_commit(group: str, message: dict[str, Any]) -> None:
    """Send `message` to the group's consumers once the current transaction commits (never if it rolls back)."""
    transaction.on_commit(lambda: publish(group, message), robust=True)
