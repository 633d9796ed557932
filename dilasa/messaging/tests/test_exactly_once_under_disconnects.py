"""Messaging over 100 forced disconnects in the middle of sends stores every message once and delivers it in order.

Runs on whatever backends are configured: SQLite and the in-memory channel layer by default, PostgreSQL and
Redis when DATABASE_URL and REDIS_URL are set (CI runs both). The sender's page is killed abruptly (its
consumer task cancelled, as when a server or a phone's connection dies) at random points of its sends, 100
times; like thread.js, it keeps unacknowledged sends and resends them with the same client_id on the next
connection. The receiver's page reconnects now and then with the last seq it has shown. At the end, the
database holds each message once, numbered in the order it was first sent, and the receiver saw exactly
that sequence: no gap, no duplicate, nothing out of order.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from django.conf import settings
from django.db import connection

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.messaging.consumers import ThreadConsumer
from dilasa.messaging.models import Message, Thread, body_context
from dilasa.messaging.tests.sockets import Socket, joined, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

DISCONNECTS = 100
NEW_PER_CONNECTION = 2
RECEIVER_RECONNECTS_EVERY = 10


@pytest.fixture
def own_channel_layer(settings: Any) -> Iterator[None]:
    """The configured channel layer, roomy enough that the queues of killed pages (which stay in the group
    until it expires, as after a real crash) never fill up; on Redis under a prefix of this test's own, so
    what they leave behind is flushed afterwards."""
    config = settings.CHANNEL_LAYERS["default"]
    extra: dict[str, Any] = {"capacity": 1000}
    if config["BACKEND"].startswith("channels_redis"):
        extra["prefix"] = f"test-{uuid.uuid4().hex[:12]}"
    settings.CHANNEL_LAYERS = {"default": {**config, "CONFIG": {**config.get("CONFIG", {}), **extra}}}
    channel_layers.backends.clear()
    yield
    layer = get_channel_layer()
    if layer is not None and hasattr(layer, "flush") and config["BACKEND"].startswith("channels_redis"):
        from asgiref.sync import async_to_sync

        async_to_sync(layer.flush)()
    channel_layers.backends.clear()


@pytest.fixture
def group_events(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every "message stored" event a consumer received through the channel layer."""
    seen: list[int] = []
    original = ThreadConsumer.messaging_message

    async def counted(self: ThreadConsumer, event: dict[str, Any]) -> None:
        seen.append(event["seq"])
        await original(self, event)

    monkeypatch.setattr(ThreadConsumer, "messaging_message", counted)
    return seen


def take_output(socket: Socket) -> list[dict[str, Any]]:
    """The frames the server has already sent to this socket, without waiting."""
    frames = []
    queue = socket.comm.output_queue
    while not queue.empty():
        output = queue.get_nowait()
        if output.get("type") == "websocket.send":
            frames.append(json.loads(output["text"]))
    return frames


async def kill(socket: Socket) -> None:
    """Drop the connection without a goodbye: the consumer is cancelled wherever it is."""
    socket.comm.future.cancel()
    await asyncio.wait([socket.comm.future], timeout=5)


async def test_messaging_over_100_forced_disconnects_stores_every_message_once_in_order(
    ayesha: User, sana: User, thread: Thread, own_channel_layer: None, group_events: list[int]
) -> None:
    started = time.monotonic()
    rng = random.Random(20261127)
    cookie = await signed_in(ayesha)
    outbox: dict[str, str] = {}  # client_id -> body, oldest first, until acknowledged
    first_sent: list[str] = []  # bodies in the order they were first sent
    acked: dict[str, int] = {}
    stream: list[dict[str, Any]] = []  # what the receiver's page showed
    receiver = await joined(thread.pk, sana)
    resent_stored = resent_lost = 0

    def note(frames: list[dict[str, Any]]) -> None:
        for frame in frames:
            if frame["type"] == "ack":
                assert acked.setdefault(frame["id"], frame["seq"]) == frame["seq"]
                outbox.pop(frame["id"], None)
            assert frame["type"] != "error", frame

    for cycle in range(DISCONNECTS):
        sender = Socket(thread.pk, cookie)
        await sender.open()
        await sender.send({"type": "hello", "last_seq": max(acked.values(), default=0)})
        if outbox:  # was the unacknowledged send stored before the page died, or lost on the way?
            stored = await Message.objects.filter(client_id__in=list(outbox)).acount()
            resent_stored += stored
            resent_lost += len(outbox) - stored
        for client_id, body in list(outbox.items()):  # unacknowledged: the same id again
            await sender.send({"type": "send", "id": client_id, "body": body})
        while outbox:  # this connection lives until they are acknowledged; the new sends may not be so lucky
            note([await sender.recv()])
        for n in range(NEW_PER_CONNECTION):
            client_id, body = str(uuid.uuid4()), f"message {cycle}.{n}"
            outbox[client_id] = body
            first_sent.append(body)
            await sender.send({"type": "send", "id": client_id, "body": body})
        # Die somewhere in the middle: before the first send is read, between sends, or after a few acks.
        await asyncio.sleep(rng.choice([0, 0.001, 0.003, 0.006, 0.01, 0.02, 0.04, 0.08]))
        note(take_output(sender))
        await kill(sender)

        stream.extend(take_output(receiver))
        if cycle % RECEIVER_RECONNECTS_EVERY == RECEIVER_RECONNECTS_EVERY - 1:
            if cycle % (2 * RECEIVER_RECONNECTS_EVERY) == RECEIVER_RECONNECTS_EVERY - 1:
                await kill(receiver)
            else:
                await receiver.close()
            last = max((f["seq"] for f in stream if f["type"] == "message"), default=0)
            receiver = await joined(thread.pk, sana, last_seq=last)

    # A last, calm connection: resend until everything is acknowledged.
    final = Socket(thread.pk, cookie)
    await final.open()
    await final.hello(max(acked.values(), default=0))
    for client_id, body in list(outbox.items()):
        await final.send({"type": "send", "id": client_id, "body": body})
    while outbox:
        note([await final.recv()])
    await final.close()

    total = len(first_sent)
    deadline = time.monotonic() + 10
    while max((f["seq"] for f in stream if f["type"] == "message"), default=0) < total:
        assert time.monotonic() < deadline, "the receiver did not get everything"
        stream.append(await receiver.recv())
    stream.extend(await receiver.drain(0.3))
    await receiver.close()

    # Stored once each, numbered in the order first sent.
    rows = await database_sync_to_async(list)(Message.objects.filter(thread=thread).order_by("seq"))
    assert [row.seq for row in rows] == list(range(1, total + 1))
    assert len({row.client_id for row in rows}) == total
    bodies = [unseal(bytes(r.body), context=body_context(thread.pk, r.sender_id, r.client_id)) for r in rows]
    assert bodies == first_sent
    assert {str(r.client_id): r.seq for r in rows} == acked

    # Delivered to the receiver exactly once each, in order.
    shown = [f for f in stream if f["type"] == "message"]
    assert [f["seq"] for f in shown] == list(range(1, total + 1))
    assert [f["body"] for f in shown] == first_sent
    assert all(f["id"] == str(rows[f["seq"] - 1].client_id) for f in shown)

    # The kills really fell in the middle of sends: some were stored but never acknowledged, some never stored.
    assert resent_stored >= 5
    assert resent_lost >= 5

    # It went through the channel layer and the database for real, and quickly.
    assert len(set(group_events)) >= total // 2, "most messages should reach the open page as live events"
    elapsed = time.monotonic() - started  # reported, not asserted: a busy CI machine is not a failure
    print(  # noqa: T201
        f"\n{DISCONNECTS} forced disconnects, {total} messages ({resent_stored} resent after being stored, "
        f"{resent_lost} after being lost), {len(group_events)} live events, "
        f"{connection.vendor} + {settings.CHANNEL_LAYERS['default']['BACKEND'].rsplit('.', 1)[-1]}: {elapsed:.1f} s"
    )
