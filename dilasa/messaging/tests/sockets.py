"""A thread's WebSocket as a test sees it: signed in as a persona, through the real ASGI stack."""

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


def cookie_of(user: User, *, second_step: bool = True) -> bytes:
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
    def __init__(self, thread_id: int, cookie: bytes | None = None) -> None:
        headers = [(b"origin", b"http://127.0.0.1")] + ([(b"cookie", cookie)] if cookie else [])
        self.comm = WebsocketCommunicator(application, f"/ws/messaging/{thread_id}/", headers=headers)
        self.messages: list[dict[str, Any]] = []  # every "message" frame, in the order it came
        self.acks: dict[str, int] = {}

    async def open(self) -> None:
        connected, _ = await self.comm.connect(timeout=TIMEOUT)
        assert connected

    async def send(self, frame: dict[str, Any]) -> None:
        await self.comm.send_json_to(frame)

    async def send_text(self, text: str) -> None:
        await self.comm.send_to(text_data=text)

    async def recv(self) -> dict[str, Any]:
        frame: dict[str, Any] = await self.comm.receive_json_from(timeout=TIMEOUT)
        if frame["type"] == "message":
            self.messages.append(frame)
        elif frame["type"] == "ack":
            self.acks[frame["id"]] = frame["seq"]
        return frame

    async def until(self, kind: str) -> dict[str, Any]:
        while True:
            frame = await self.recv()
            if frame["type"] == kind:
                return frame

    async def hello(self, last_seq: int = 0) -> None:
        await self.send({"type": "hello", "last_seq": last_seq})
        assert (await self.recv())["type"] == "welcome"

    async def say(self, body: str, client_id: str | None = None) -> str:
        client_id = client_id or str(uuid.uuid4())
        await self.send({"type": "send", "id": client_id, "body": body})
        return client_id

    async def error(self) -> dict[str, Any]:
        frame = await self.recv()
        assert frame["type"] == "error", frame
        return frame

    async def drain(self, seconds: float = 0.3) -> list[dict[str, Any]]:
        got = []
        while not await self.comm.receive_nothing(timeout=seconds):
            got.append(await self.recv())
        return got

    async def close_code(self) -> int | None:
        output = await self.comm.receive_output(timeout=TIMEOUT)
        assert output["type"] == "websocket.close", output
        code: int | None = output.get("code")
        return code

    async def close(self) -> None:
        await self.comm.disconnect(timeout=TIMEOUT)


async def joined(thread_id: int, user: User, last_seq: int = 0) -> Socket:
    """A socket of `user` on the thread that has said hello (and read the welcome)."""
    socket = Socket(thread_id, await signed_in(user))
    await socket.open()
    await socket.hello(last_seq)
    return socket
