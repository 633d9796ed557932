"""A room's WebSocket as a test sees it: signed in as a persona, through the real ASGI stack."""

from __future__ import annotations

import uuid
from typing import Any

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from config.asgi import application
from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

TIMEOUT = 5
ORIGIN = (b"origin", b"http://127.0.0.1")


def cookie_of(user: User, *, second_step: bool = True) -> bytes:
    """The session cookie of a signed-in `user` (staff with the second step done unless told otherwise)."""
    client = signed_in_client(user)
    if not second_step:
        session = client.session
        session.pop("otp_device_id", None)
        session.save()
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def signed_in(user: User, *, second_step: bool = True) -> bytes:
    cookie: bytes = await database_sync_to_async(cookie_of)(user, second_step=second_step)
    return cookie


class Socket:
    def __init__(self, room_id: int, cookie: bytes | None = None, *, origin: bytes = b"http://127.0.0.1") -> None:
        headers = [(b"origin", origin)] + ([(b"cookie", cookie)] if cookie else [])
        self.comm = WebsocketCommunicator(application, f"/ws/live/{room_id}/", headers=headers)
        self.skipped: list[dict[str, Any]] = []
        self.peer_id = ""
        self.welcome: dict[str, Any] = {}

    async def open(self) -> None:
        connected, _ = await self.comm.connect(timeout=TIMEOUT)
        assert connected

    async def send(self, frame: dict[str, Any]) -> None:
        await self.comm.send_json_to(frame)

    async def send_text(self, text: str) -> None:
        await self.comm.send_to(text_data=text)

    async def recv(self) -> dict[str, Any]:
        frame: dict[str, Any] = await self.comm.receive_json_from(timeout=TIMEOUT)
        return frame

    async def until(self, kind: str) -> dict[str, Any]:
        """The next frame of this type; frames before it are kept in `skipped`."""
        while True:
            frame = await self.recv()
            if frame["type"] == kind:
                return frame
            self.skipped.append(frame)

    async def until_any(self, *kinds: str) -> dict[str, Any]:
        while True:
            frame = await self.recv()
            if frame["type"] in kinds:
                return frame
            self.skipped.append(frame)

    async def drain(self, seconds: float = 0.5) -> list[dict[str, Any]]:
        """Every frame that arrives until the socket has been quiet for `seconds`."""
        got = []
        while not await self.quiet(seconds):
            got.append(await self.recv())
        return got

    async def hello(self, peer_id: str, last_seq: int = 0) -> dict[str, Any]:
        await self.send({"type": "hello", "peer_id": peer_id, "last_seq": last_seq})
        welcome = await self.recv()
        assert welcome["type"] == "welcome", welcome
        return welcome

    async def error(self) -> str:
        frame = await self.recv()
        assert frame["type"] == "error", frame
        code: str = frame["code"]
        return code

    async def quiet(self, seconds: float = 0.3) -> bool:
        """Nothing arrives for a moment."""
        return bool(await self.comm.receive_nothing(timeout=seconds))

    async def close_code(self) -> int | None:
        """The code the server closed with (after any frames, which must not exist)."""
        output = await self.comm.receive_output(timeout=TIMEOUT)
        assert output["type"] == "websocket.close", output
        code: int | None = output.get("code")
        return code

    async def close(self) -> None:
        await self.comm.disconnect(timeout=TIMEOUT)


async def joined(room_id: int, user: User, peer_id: str | None = None, last_seq: int = 0) -> Socket:
    """A socket of `user` on the room that has said hello (its welcome is read)."""
    socket = Socket(room_id, await signed_in(user))
    await socket.open()
    socket.peer_id = peer_id or str(uuid.uuid4())
    socket.welcome = await socket.hello(socket.peer_id, last_seq)
    return socket


async def both_in(room_id: int, client: User, therapist: User, *, admit: bool = False) -> tuple[Socket, Socket]:
    """Therapist first, then client; each has heard of the other. With `admit`, the room is open too."""
    sana = await joined(room_id, therapist)
    ayesha = await joined(room_id, client)
    assert (await ayesha.until("peer"))["peer_id"] == sana.peer_id
    assert (await sana.until("peer"))["peer_id"] == ayesha.peer_id
    if admit:
        await sana.send({"type": "admit"})
        await sana.until("admitted")
        await ayesha.until("admitted")
    return ayesha, sana
