"""A PIN-locked session opens no WebSocket: not the session room, not the messages.

The HTTP middleware sends a locked session to the PIN page; sockets do not pass through it, so the one rule
for sockets (dilasa.accounts.sockets.socket_user) checks the same lock, and the same idle minutes.
"""

from __future__ import annotations

import time
from importlib import import_module
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings

from config.asgi import application
from dilasa.accounts import pin_lock
from dilasa.accounts.middleware import SEEN_AT
from dilasa.accounts.models import User
from dilasa.live.access import access_room
from dilasa.live.testing import appointment_soon
from dilasa.messaging import services as messaging
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db(transaction=True)  # the consumer reads the database from its own thread


def opens(path: str, cookie: str) -> bool:
    async def run() -> tuple[bool, list[Any]]:
        headers = [(b"origin", b"http://127.0.0.1"), (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())]
        comm = WebsocketCommunicator(application, path, headers=headers)
        connected, _ = await comm.connect(timeout=5)
        heard = []
        if connected:
            while not await comm.receive_nothing(timeout=0.3):
                heard.append(await comm.receive_output(timeout=1))
        await comm.disconnect()
        return connected, heard

    connected, heard = async_to_sync(run)()
    return connected and "websocket.close" not in [frame["type"] for frame in heard]


@pytest.fixture
def paths(client_ayesha: User, therapist_sana: User) -> list[str]:
    room = access_room(user=client_ayesha, appointment_id=appointment_soon(client_ayesha, therapist_sana).pk)
    thread = messaging.thread_start(user=client_ayesha, other_id=therapist_sana.pk)
    return [f"/ws/live/{room.pk}/", f"/ws/messaging/{thread.pk}/"]


def session_of(cookie: str) -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie)


def test_a_locked_session_opens_no_socket_until_the_pin_is_given(client_ayesha: User, paths: list[str]) -> None:
    pin_lock.pin_set(user=client_ayesha, pin="4821", idle_minutes=5)
    cookie = signed_in_client(client_ayesha).cookies[settings.SESSION_COOKIE_NAME].value
    assert all(opens(path, cookie) for path in paths), "open before the lock"
    session = session_of(cookie)
    pin_lock.lock(session)
    session.save()
    assert not any(opens(path, cookie) for path in paths)
    session = session_of(cookie)
    pin_lock.unlock(session)
    session.save()
    assert all(opens(path, cookie) for path in paths)


def test_idle_past_the_pin_minutes_opens_no_socket(client_ayesha: User, paths: list[str]) -> None:
    pin_lock.pin_set(user=client_ayesha, pin="4821", idle_minutes=2)
    cookie = signed_in_client(client_ayesha).cookies[settings.SESSION_COOKIE_NAME].value
    session = session_of(cookie)
    session[SEEN_AT] = int(time.time()) - 3 * 60
    session.save()
    assert not any(opens(path, cookie) for path in paths)
