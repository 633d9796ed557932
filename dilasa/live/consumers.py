"""The room's WebSocket: the one real-time entry point of a live session (docs/realtime-protocol.md).

An async adapter only: it checks who is connecting, validates every frame (dilasa.live.frames), limits how
often each kind may come, and reaches the database only through dilasa.live.services. Signalling is relayed
between the room's two pages through the room's channel-layer group, never stored.
"""

from __future__ import annotations

import json
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import ValidationError
from django.http import Http404

from dilasa.accounts.models import User
from dilasa.accounts.sockets import socket_user
from dilasa.audit.origin import set_origin
from dilasa.core.frames import Frame, FrameError
from dilasa.core.ratelimit import Bucket
from dilasa.live import frames, services
from dilasa.live.access import access_room_for_socket
from dilasa.live.models import PartyRole, RoomState
from dilasa.live.realtime import room_group
from dilasa.live.turn import ice_servers_for

CLOSE_REFUSED = 4403  # not yours, not now, or not signed in: nothing about the room is sent
CLOSE_REPLACED = 4409  # the same person opened the room in another page
CLOSE_ENDED = 4000  # the therapist ended the session
KEEPALIVE_EVERY = 300  # seconds between touches of the sign-in session

# Frames per connection: (burst, refill per second). Signalling bursts with ICE candidates; the rest is human.
RATES: dict[str, tuple[float, float]] = {
    "hello": (5, 0.2),
    "signal": (200, 20),
    "admit": (5, 0.5),
    "chat": (10, 1),
    "mode": (5, 0.2),
    "feeling": (6, 0.2),
    "reconnected": (10, 0.2),
    "tool": (6, 0.2),
    "end": (5, 0.5),
    "ping": (10, 1),
    "*": (300, 50),  # every frame, valid or not
}


def _on_thread(function: Any) -> Any:
    return database_sync_to_async(function)


class RoomConsumer(AsyncWebsocketConsumer):  # type: ignore[misc]  # channels ships no types
    room_id: int
    role: PartyRole
    user: User
    state: str

    async def connect(self) -> None:
        self.admitted_to_room = False
        self.peer_id: str | None = None
        self.replaced = False
        self.buckets = {kind: Bucket(*rate) for kind, rate in RATES.items()}
        self.touched_at = time.monotonic()
        client = self.scope.get("client")
        set_origin(client[0] if client else None)  # the audit's "from where", for this connection's task
        await self.accept()  # accept first, so the refusal carries its close code
        checked = await _on_thread(self._check)()
        if checked is None:
            await self.close(code=CLOSE_REFUSED)
            return
        self.admitted_to_room = True
        await self.channel_layer.group_add(room_group(self.room_id), self.channel_name)

    def _check(self) -> bool | None:
        user = socket_user(self.scope.get("user"), self.scope.get("session"))
        if user is None:
            return None
        try:
            room, role = access_room_for_socket(user=user, room_id=int(self.scope["url_route"]["kwargs"]["room_id"]))
        except Http404:
            return None
        self.user, self.room_id, self.role, self.state = user, room.pk, role, room.state
        services.session_keepalive(self.scope["session"])
        return True

    async def disconnect(self, code: int) -> None:
        if not self.admitted_to_room:
            return
        await self.channel_layer.group_discard(room_group(self.room_id), self.channel_name)
        if self.peer_id is None:
            return
        await _on_thread(services.room_leave)(
            room_id=self.room_id, user=self.user, channel=self.channel_name, code=code
        )
        if not self.replaced:
            await self._to_room({"type": "live.left", "role": self.role, "peer_id": self.peer_id})

    # --- frames from the page ------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.admitted_to_room:
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
            await self._error("rate_limited")
            return
        if self.peer_id is None and frame.type not in {"hello", "ping"}:
            await self._error("not_allowed")  # say hello first
            return
        try:
            await getattr(self, f"on_{frame.type}")(frame)
        except ValidationError:
            await self._error("not_allowed")

    async def on_hello(self, frame: frames.Hello) -> None:
        if self.peer_id is not None:
            await self._error("not_allowed")  # once per connection
            return
        self.peer_id = frame.peer_id
        joined = await _on_thread(services.room_join)(room_id=self.room_id, user=self.user, channel=self.channel_name)
        self.state = joined.state
        await self._send(
            {
                "type": "welcome",
                "role": self.role,
                "state": self.state,
                "mode": joined.mode,
                "peer_present": joined.peer_present,
                "ice_servers": ice_servers_for(self.user),
                "tool": joined.tool,
                "now": int(time.time() * 1000),  # the server's clock (epoch ms), for the page's offset
            }
        )
        history = await _on_thread(services.chat_history)(
            room_id=self.room_id, after_seq=frame.last_seq, reader=self.user
        )
        for chat in history:
            await self._send(chat)
        if self.state == RoomState.WAITING and self.role == PartyRole.CLIENT:
            await self._send({"type": "waiting"})
        await self._to_room(self._announcement(reply=True))

    async def on_signal(self, frame: frames.Signal) -> None:
        if self.state != RoomState.OPEN:
            await self._error("not_allowed")  # the waiting room relays no signalling
            return
        await self._to_room({"type": "live.signal", "role": self.role, "peer_id": self.peer_id, "data": frame.data})

    async def on_admit(self, frame: Frame) -> None:
        room = await _on_thread(services.room_admit)(room_id=self.room_id, by=self.user)
        self.state = room.state

    async def on_end(self, frame: Frame) -> None:
        await _on_thread(services.room_end)(room_id=self.room_id, by=self.user)

    async def on_chat(self, frame: frames.Chat) -> None:
        message = await _on_thread(services.chat_post)(
            room_id=self.room_id, by=self.user, client_id=frame.id, body=frame.body
        )
        await self._send({"type": "chat_ack", "id": str(frame.id), "seq": message.seq})

    async def on_mode(self, frame: frames.ModeChange) -> None:
        await _on_thread(services.room_mode_change)(
            room_id=self.room_id, by=self.user, mode=frame.mode, reason=frame.reason
        )

    async def on_feeling(self, frame: frames.FeelingNow) -> None:
        await _on_thread(services.feeling_record)(room_id=self.room_id, by=self.user, value=frame.value)

    async def on_reconnected(self, frame: frames.Reconnected) -> None:
        await _on_thread(services.reconnect_record)(room_id=self.room_id, user=self.user, what=frame.what)

    async def on_tool(self, frame: frames.ToolAction) -> None:
        await _on_thread(services.tool_set)(room_id=self.room_id, by=self.user, tool=frame.tool, action=frame.action)

    async def on_ping(self, frame: Frame) -> None:
        await self._send({"type": "pong"})
        if time.monotonic() - self.touched_at > KEEPALIVE_EVERY:
            self.touched_at = time.monotonic()
            await _on_thread(services.session_keepalive)(self.scope["session"])

    # --- events from the room's group ------------------------------------------------------------

    async def live_announce(self, event: dict[str, Any]) -> None:
        if event["channel"] == self.channel_name or self.peer_id is None:
            return
        if event["role"] == self.role:
            # A newer page of the same person: it takes over, and this one steps aside quietly.
            self.replaced = True
            await self.close(code=CLOSE_REPLACED)
            return
        await self._send({"type": "peer", "present": True, "peer_id": event["peer_id"]})
        if event["reply"]:
            await self.channel_layer.send(event["channel"], self._announcement(reply=False))

    async def live_left(self, event: dict[str, Any]) -> None:
        if event["role"] != self.role and self.peer_id is not None:
            await self._send({"type": "peer", "present": False, "peer_id": event["peer_id"]})

    async def live_signal(self, event: dict[str, Any]) -> None:
        if event["role"] != self.role and self.peer_id is not None and self.state == RoomState.OPEN:
            await self._send({"type": "signal", "peer_id": event["peer_id"], "data": event["data"]})

    async def live_state(self, event: dict[str, Any]) -> None:
        self.state = event["state"]
        if self.peer_id is None:
            return
        if self.state == RoomState.OPEN:
            await self._send({"type": "admitted"})
        elif self.state == RoomState.ENDED:
            await self._send({"type": "ended"})
            await self.close(code=CLOSE_ENDED)

    async def live_chat(self, event: dict[str, Any]) -> None:
        if self.peer_id is not None:
            await self._send(event["frame"])

    async def live_mode(self, event: dict[str, Any]) -> None:
        if self.peer_id is not None:
            await self._send({"type": "mode", "mode": event["mode"], "by": event["by"], "reason": event["reason"]})

    async def live_tool(self, event: dict[str, Any]) -> None:
        if self.peer_id is not None:
            await self._send(event["frame"])

    async def live_feeling(self, event: dict[str, Any]) -> None:
        if self.role == PartyRole.THERAPIST and self.peer_id is not None:
            await self._send({"type": "feeling", "value": event["value"], "at": event["at"]})

    async def live_mood(self, event: dict[str, Any]) -> None:
        if self.role == PartyRole.THERAPIST and self.peer_id is not None:
            await self._send({"type": "mood", "value": event["value"], "word": event["word"]})

    # --- helpers --------------------------------------------------------------------------------------

    def _announcement(self, *, reply: bool) -> dict[str, Any]:
        return {
            "type": "live.announce",
            "role": self.role,
            "peer_id": self.peer_id,
            "channel": self.channel_name,
            "reply": reply,
        }

    async def _to_room(self, message: dict[str, Any]) -> None:
        await self.channel_layer.group_send(room_group(self.room_id), message)

    async def _send(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame, separators=(",", ":")))

    async def _error(self, code: str) -> None:
        await self._send({"type": "error", "code": code})
