"""Breathing together: either person starts or stops the pacer, both pages hear one small frame with the
server's start time, a page that joins later is told in its welcome, and nobody else hears anything."""

from __future__ import annotations

import time
from typing import Any

import pytest
from channels.db import database_sync_to_async

from dilasa.accounts.models import Organisation, Role, User
from dilasa.live.access import access_room
from dilasa.live.models import RoomEvent
from dilasa.live.testing import appointment_soon
from dilasa.live.tests.sockets import Socket, both_in, joined, signed_in
from dilasa.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)

START = {"type": "tool", "tool": "pacer", "action": "start"}
STOP = {"type": "tool", "tool": "pacer", "action": "stop"}


def now_ms() -> int:
    return int(time.time() * 1000)


async def tool_events(room_id: int) -> list[tuple[str, dict[str, Any]]]:
    return [(e.actor, e.detail) async for e in RoomEvent.objects.filter(room_id=room_id, kind="tool").order_by("pk")]


async def test_starting_tells_both_pages_with_the_server_start_time(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    before = now_ms()
    await sana.send(START)
    to_sana, to_ayesha = await sana.until("tool"), await ayesha.until("tool")
    assert to_sana == to_ayesha
    assert to_sana.keys() == {"type", "tool", "state", "since", "by"}
    assert (to_sana["tool"], to_sana["state"], to_sana["by"]) == ("pacer", "on", "therapist")
    assert before <= to_sana["since"] <= now_ms()
    await ayesha.send(STOP)
    stopped = await sana.until("tool")
    assert stopped == await ayesha.until("tool")
    assert (stopped["state"], stopped["by"]) == ("off", "client")
    assert await sana.quiet()
    assert await ayesha.quiet()
    assert await tool_events(room_id) == [
        ("therapist", {"tool": "pacer", "state": "on", "since": to_sana["since"]}),
        ("client", {"tool": "pacer", "state": "off", "since": stopped["since"]}),
    ]
    await ayesha.close()
    await sana.close()


async def test_starting_what_is_on_changes_nothing(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.send(START)
    await sana.until("tool")
    await ayesha.until("tool")
    await sana.send(START)
    await ayesha.send(STOP)
    assert (await sana.until("tool"))["state"] == "off"
    assert (await ayesha.until("tool"))["state"] == "off"
    await sana.send(STOP)
    assert await sana.quiet()
    assert await ayesha.quiet()
    assert len(await tool_events(room_id)) == 2
    await ayesha.close()
    await sana.close()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "tool", "tool": "thought_record", "action": "start"},
        {"type": "tool", "tool": "pacer", "action": "pause"},
        {"type": "tool", "tool": "pacer"},
        {"type": "tool", "tool": "pacer", "action": "start", "since": 0},
        {"type": "tool", "tool": ["pacer"], "action": "start"},
        {"type": "tool", "tool": "pacer", "action": True},
    ],
)
async def test_a_malformed_tool_frame_is_refused_and_nothing_is_sent(
    room_id: int, client_ayesha: User, therapist_sana: User, frame: dict[str, Any]
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.send(frame)
    assert await ayesha.error() == "bad_frame"
    assert await sana.quiet()
    assert await ayesha.quiet()
    assert await tool_events(room_id) == []
    await ayesha.close()
    await sana.close()


async def test_not_before_the_client_is_let_in(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana)
    await sana.send(START)
    assert await sana.error() == "not_allowed"
    await ayesha.send(START)
    assert (await ayesha.until("error"))["code"] == "not_allowed"
    assert all(f["type"] != "tool" for f in await sana.drain() + await ayesha.drain())
    await ayesha.close()
    await sana.close()


async def test_pressing_too_often_is_rate_limited(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    for _ in range(6):
        await ayesha.send(START)
    await ayesha.send(STOP)
    frames = await ayesha.drain()
    assert {"type": "error", "code": "rate_limited"} in frames
    assert [f["state"] for f in frames if f["type"] == "tool"] == ["on"]
    await ayesha.close()
    await sana.close()


async def test_a_page_that_joins_while_on_gets_the_state_in_its_welcome(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    assert ayesha.welcome["tool"] is None
    assert abs(ayesha.welcome["now"] - now_ms()) < 5000
    await ayesha.send(START)
    started = await sana.until("tool")
    await ayesha.until("tool")
    await sana.close()  # the therapist reloads the page
    again = await joined(room_id, therapist_sana)
    assert again.welcome["tool"] == started
    assert again.welcome["now"] >= started["since"]
    await again.send(STOP)
    assert (await ayesha.until("tool"))["state"] == "off"
    await again.close()
    later = await joined(room_id, therapist_sana)  # after a stop, a new page is told it is off
    assert later.welcome["tool"]["state"] == "off"
    await later.close()
    await ayesha.close()


@pytest.fixture
def therapist_hina(clinic_sukoon: Organisation) -> User:
    return make_user("hina@example.com", display_name="Hina", role=Role.THERAPIST, organisation=clinic_sukoon)


async def test_a_third_person_hears_nothing(
    room_id: int, client_ayesha: User, therapist_sana: User, client_kamran: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    intruder = Socket(room_id, await signed_in(client_kamran))
    await intruder.open()
    assert await intruder.close_code() == 4403
    await sana.send(START)
    await ayesha.until("tool")
    assert await intruder.quiet()
    for socket in (intruder, ayesha, sana):
        await socket.close()


async def test_another_room_hears_nothing(
    room_id: int, client_ayesha: User, therapist_sana: User, client_kamran: User, therapist_hina: User
) -> None:
    other = await _other_room(client_kamran, therapist_hina)
    kamran, hina = await both_in(other, client_kamran, therapist_hina, admit=True)
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await sana.send(START)
    await ayesha.until("tool")
    assert all(f["type"] != "tool" for f in await kamran.drain() + await hina.drain())
    for socket in (kamran, hina, ayesha, sana):
        await socket.close()


async def _other_room(client: User, therapist: User) -> int:
    def make() -> int:
        appointment = appointment_soon(client, therapist, mode="audio")
        return access_room(user=client, appointment_id=appointment.pk).pk

    room: int = await database_sync_to_async(make)()
    return room
