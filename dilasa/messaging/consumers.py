"""A thread's WebSocket: real-time delivery while a page has the thread open (docs/realtime-protocol.md).

An async adapter only: it checks who is connecting (and audits the read), validates every frame
(dilasa.messaging.frames), limits how often frames may come, and reaches the database only through
dilasa.messaging services, selectors and access. The thread's group carries only "message seq N was
stored"; the consumer reads messages from the database and sends each page every message exactly once,
in seq order: an event it has already sent is skipped, and a gap (an event lost or overtaken) is filled
from the database before the newer message goes out.
"""

from __future__ import annotations

import json
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import ValidationError
from django.http import Http404

from dilasa.accounts.middleware import SEEN_AT
from dilasa.accounts.models import User
from dilasa.accounts.sockets import socket_user
from dilasa.audit.origin import set_origin
from dilasa.core.frames import Frame, FrameError
from dilasa.core.ratelimit import Bucket
from dilasa.messaging import frames, selectors, services
from dilasa.messaging.access import access_thread
from dilasa.messaging.models import Thread

CLOSE_REFUSED = 4403  # not yours, or not signed in: nothing about the thread is sent
KEEPALIVE_EVERY = 300  # seconds between touches of the sign-in session

# Frames per connection: (burst, refill per second).
RATES: dict[str, tuple[float, float]] = {
    "hello": (3, 0.1),
    "send": (60, 3),  # a reconnecting page resends its outbox at once
    "read": (30, 2),
    "ping": (10, 1),
    "*": (120, 10),  # every frame, valid or not
}


def _on_thread(function: Any) -> Any:
    return database_sync_to_async(function)


class ThreadConsumer(AsyncWebsocketConsumer):  # type: ignore[misc]  # channels ships no types
    user: User
    thread: Thread

    async def connect(self) -> None:
        self.joined = False
        self.sent_seq: int | None = None  # the last seq this page has; None until it says hello
        self.buckets = {kind: Bucket(*rate) for kind, rate in RATES.items()}
        self.touched_at = time.monotonic()
        client = self.scope.get("client")
        set_origin(client[0] if client else None)  # for the audit record of this connection's reads
        await self.accept()  # accept first, so the refusal carries its close code
        if not await _on_thread(self._check)():
            await self.close(code=CLOSE_REFUSED)
            return
        self.joined = True
        await self.channel_layer.group_add(services.thread_group(self.thread.pk), self.channel_name)
        await _on_thread(services.presence_join)(thread_id=self.thread.pk, user=self.user, channel=self.channel_name)

    def _check(self) -> bool:
        user = socket_user(self.scope.get("user"), self.scope.get("session"))
        if user is None:
            return False
        try:
            self.thread = access_thread(user=user, thread_id=int(self.scope["url_route"]["kwargs"]["thread_id"]))
        except Http404:
            return False
        self.user = user
        return True

    async def disconnect(self, code: int) -> None:
        if not self.joined:
            return
        await self.channel_layer.group_discard(services.thread_group(self.thread.pk), self.channel_name)
        await _on_thread(services.presence_leave)(channel=self.channel_name)

    # --- frames from the page ------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.joined:
            return
        if not self.buckets["*"].take():
            await self._error("rate_limited")
            return
        try:
            frame = frames.parse(text_data, bytes_data)
        except FrameError as error:
            await self._error(error.code)
            return
        if not self.buckets[frame.type].take():
            if isinstance(frame, frames.Send):  # the page keeps it and tries again a little later
                await self._send({"type": "error", "code": "rate_limited", "id": str(frame.id)})
            else:
                await self._error("rate_limited")
            return
        if (self.sent_seq is None) != (frame.type == "hello") and frame.type != "ping":
            await self._error("not_allowed")  # hello first, and once
            return
        await getattr(self, f"on_{frame.type}")(frame)

    async def on_hello(self, frame: frames.Hello) -> None:
        self.sent_seq = frame.last_seq
        await self._send({"type": "welcome"})
        await self._catch_up()

    async def on_send(self, frame: frames.Send) -> None:
        try:
            delivered = await _on_thread(services.message_send)(
                user=self.user, thread_id=self.thread.pk, client_id=frame.id, body=frame.body
            )
        except ValidationError as error:
            await self._send({"type": "error", "code": error.code or "not_allowed", "id": str(frame.id)})
            return
        except Http404:
            await self.close(code=CLOSE_REFUSED)
            return
        await self._send({"type": "ack", "id": str(frame.id), "seq": delivered.message.seq})

    async def on_read(self, frame: frames.Read) -> None:
        await _on_thread(services.thread_mark_read)(user=self.user, thread=self.thread, seq=frame.seq)

    async def on_ping(self, frame: Frame) -> None:
        await self._send({"type": "pong"})
        await _on_thread(services.presence_touch)(channel=self.channel_name)
        if time.monotonic() - self.touched_at > KEEPALIVE_EVERY:
            self.touched_at = time.monotonic()
            await _on_thread(self._keep_session)()

    def _keep_session(self) -> None:
        session = self.scope["session"]
        session[SEEN_AT] = int(time.time())
        session.save()

    # --- events from the thread's group ------------------------------------------------------------

    async def messaging_message(self, event: dict[str, Any]) -> None:
        if self.sent_seq is None or event["seq"] <= self.sent_seq:
            return  # before hello (the replay will carry it), or already sent
        await self._catch_up()

    async def _catch_up(self) -> None:
        """Send everything after `sent_seq`, in order, from the database."""
        while self.sent_seq is not None:
            batch = await _on_thread(selectors.message_frames)(
                thread_id=self.thread.pk, viewer_id=self.user.pk, after_seq=self.sent_seq
            )
            for frame in batch:
                await self._send(frame)
                self.sent_seq = frame["seq"]
            if len(batch) < selectors.REPLAY_BATCH:
                return

    # --- helpers --------------------------------------------------------------------------------------

    async def _send(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame, separators=(",", ":"), ensure_ascii=False))

    async def _error(self, code: str) -> None:
        await self._send({"type": "error", "code": code})
