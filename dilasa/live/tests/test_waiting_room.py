"""The client waits until the therapist lets them in; until then no signalling passes either way."""

from __future__ import annotations

import pytest

from dilasa.accounts.models import User
from dilasa.live.models import Room, RoomState
from dilasa.live.tests.sockets import Socket, both_in, joined, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

OFFER = {"description": {"type": "offer", "sdp": "v=0\r\n"}}


async def test_the_client_is_told_to_wait(room_id: int, client_ayesha: User) -> None:
    ayesha = await joined(room_id, client_ayesha)
    assert ayesha.welcome["state"] == "waiting"
    assert ayesha.welcome["peer_present"] is False
    assert (await ayesha.recv())["type"] == "waiting"
    await ayesha.close()


async def test_no_signal_is_relayed_before_admission(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana)
    await ayesha.send({"type": "signal", "data": OFFER})
    assert await ayesha.error() == "not_allowed"
    await sana.send({"type": "signal", "data": OFFER})
    assert await sana.error() == "not_allowed"
    assert await sana.quiet()
    assert await ayesha.quiet()
    await ayesha.close()
    await sana.close()


async def test_after_admission_signals_go_to_the_other_peer_only(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.send({"type": "signal", "data": OFFER})
    relayed = await sana.recv()
    assert relayed == {"type": "signal", "peer_id": ayesha.peer_id, "data": OFFER}
    assert await ayesha.quiet()  # not echoed to the sender
    candidate = {"candidate": {"candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host", "sdpMid": "0"}}
    await sana.send({"type": "signal", "data": candidate})
    assert (await ayesha.recv())["data"] == candidate
    await ayesha.close()
    await sana.close()


async def test_only_the_therapist_admits(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana)
    await ayesha.send({"type": "admit"})
    assert await ayesha.error() == "not_allowed"
    assert await sana.quiet()
    assert (await Room.objects.aget(pk=room_id)).state == RoomState.WAITING
    await sana.send({"type": "admit"})
    assert (await ayesha.recv())["type"] == "admitted"
    room = await Room.objects.aget(pk=room_id)
    assert room.state == RoomState.OPEN
    assert room.admitted_at is not None
    assert room.started_at is not None  # both were there
    await ayesha.close()
    await sana.close()


async def test_a_client_who_arrives_after_admission_is_in_at_once(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    sana = await joined(room_id, therapist_sana)
    await sana.send({"type": "admit"})
    await sana.until("admitted")
    ayesha = await joined(room_id, client_ayesha)
    assert ayesha.welcome["state"] == "open"
    assert ayesha.welcome["peer_present"] is True
    assert (await ayesha.recv())["type"] == "peer"  # no "waiting"
    await ayesha.close()
    await sana.close()


async def test_only_the_therapist_ends_and_both_are_sent_away(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.send({"type": "end"})
    assert await ayesha.error() == "not_allowed"
    assert (await Room.objects.aget(pk=room_id)).state == RoomState.OPEN
    await sana.send({"type": "end"})
    assert (await ayesha.recv())["type"] == "ended"
    assert await ayesha.close_code() == 4000
    assert (await sana.recv())["type"] == "ended"
    assert await sana.close_code() == 4000
    room = await Room.objects.aget(pk=room_id)
    assert room.state == RoomState.ENDED
    assert room.ended_at is not None
    await ayesha.close()
    await sana.close()


async def test_an_ended_room_cannot_be_joined_again(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await sana.send({"type": "end"})
    await ayesha.until("ended")
    await ayesha.close()
    await sana.close()
    again = Socket(room_id, await signed_in(client_ayesha))
    await again.open()
    assert await again.close_code() == 4403
    await again.close()
