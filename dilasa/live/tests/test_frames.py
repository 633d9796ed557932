"""Every frame is checked against the protocol's schema; a bad one is answered with an error and changes nothing."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from dilasa.accounts.models import User
from dilasa.core.frames import FrameError
from dilasa.live import frames
from dilasa.live.models import ChatMessage, FeelingTap, Room, RoomEvent
from dilasa.live.tests.sockets import Socket, both_in, signed_in

ID = "6f1c1c2e-8a47-4b8e-9a53-0c0f5e0e2b11"

GOOD: list[dict[str, Any]] = [
    {"type": "hello", "peer_id": ID, "last_seq": 0},
    {"type": "signal", "data": {"description": {"type": "offer", "sdp": "v=0"}}},
    {"type": "signal", "data": {"description": {"type": "rollback", "sdp": ""}}},
    {"type": "signal", "data": {"candidate": None}},
    {"type": "signal", "data": {"candidate": {"candidate": "", "sdpMid": None, "sdpMLineIndex": None}}},
    {
        "type": "signal",
        "data": {"candidate": {"candidate": "c", "sdpMid": "0", "sdpMLineIndex": 0, "usernameFragment": "u"}},
    },
    {"type": "admit"},
    {"type": "chat", "id": ID, "body": "salaam"},
    {"type": "mode", "mode": "audio", "reason": "auto_loss"},
    {"type": "feeling", "value": "pause"},
    {"type": "reconnected", "what": "ice"},
    {"type": "end"},
    {"type": "ping"},
]

BAD: dict[str, str | dict[str, Any] | list[Any]] = {
    "not json": "{type: ping}",
    "not an object": [{"type": "ping"}],
    "no type": {"peer_id": ID},
    "unknown type": {"type": "shout"},
    "type not a string": {"type": 7},
    "missing field": {"type": "hello", "peer_id": ID},
    "extra field": {"type": "ping", "also": 1},
    "extra field on chat": {"type": "chat", "id": ID, "body": "hi", "to": "sana"},
    "peer_id not a uuid": {"type": "hello", "peer_id": "me", "last_seq": 0},
    "last_seq negative": {"type": "hello", "peer_id": ID, "last_seq": -1},
    "last_seq a boolean": {"type": "hello", "peer_id": ID, "last_seq": True},
    "last_seq a string": {"type": "hello", "peer_id": ID, "last_seq": "0"},
    "last_seq a float": {"type": "hello", "peer_id": ID, "last_seq": 1.0},
    "empty chat": {"type": "chat", "id": ID, "body": ""},
    "blank chat": {"type": "chat", "id": ID, "body": "   \n"},
    "chat too long": {"type": "chat", "id": ID, "body": "x" * 4001},
    "chat body a number": {"type": "chat", "id": ID, "body": 5},
    "chat id not a uuid": {"type": "chat", "id": "1", "body": "hi"},
    "unknown mode": {"type": "mode", "mode": "hologram", "reason": "user"},
    "unknown reason": {"type": "mode", "mode": "audio", "reason": "because"},
    "unknown feeling": {"type": "feeling", "value": "ecstatic"},
    "feeling as a number": {"type": "feeling", "value": 3},
    "unknown reconnect": {"type": "reconnected", "what": "moon"},
    "signal without data": {"type": "signal", "data": {}},
    "signal with both": {"type": "signal", "data": {"description": {"type": "offer", "sdp": "v"}, "candidate": None}},
    "signal data a string": {"type": "signal", "data": "offer"},
    "description type pranswer": {"type": "signal", "data": {"description": {"type": "pranswer", "sdp": "v"}}},
    "description extra key": {"type": "signal", "data": {"description": {"type": "offer", "sdp": "v", "x": 1}}},
    "empty offer": {"type": "signal", "data": {"description": {"type": "offer", "sdp": ""}}},
    "sdp too long": {"type": "signal", "data": {"description": {"type": "offer", "sdp": "a" * 20001}}},
    "candidate extra key": {"type": "signal", "data": {"candidate": {"candidate": "c", "port": 1}}},
    "candidate without candidate": {"type": "signal", "data": {"candidate": {"sdpMid": "0"}}},
    "candidate index a string": {"type": "signal", "data": {"candidate": {"candidate": "c", "sdpMLineIndex": "0"}}},
    "NaN": '{"type": "hello", "peer_id": "' + ID + '", "last_seq": NaN}',
}


def as_text(frame: str | dict[str, Any] | list[Any]) -> str:
    return frame if isinstance(frame, str) else json.dumps(frame)


@pytest.mark.parametrize("frame", GOOD, ids=lambda f: f["type"])
def test_the_protocol_frames_pass(frame: dict[str, Any]) -> None:
    assert frames.parse(json.dumps(frame)).type == frame["type"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_frames_are_refused(name: str) -> None:
    with pytest.raises(FrameError) as refused:
        frames.parse(as_text(BAD[name]))
    assert refused.value.code == "bad_frame"


def test_frames_over_64_kib_are_too_large() -> None:
    body = "x" * (64 * 1024)
    with pytest.raises(FrameError) as refused:
        frames.parse(json.dumps({"type": "chat", "id": ID, "body": body}))
    assert refused.value.code == "too_large"
    multibyte = json.dumps({"type": "ping", "pad": "ی" * 33_000}, ensure_ascii=False)  # 33 000 chars, 66 000 bytes
    with pytest.raises(FrameError) as refused:
        frames.parse(multibyte)
    assert refused.value.code == "too_large"


def test_binary_frames_are_refused() -> None:
    with pytest.raises(FrameError) as refused:
        frames.parse(None, b'{"type":"ping"}')
    assert refused.value.code == "bad_frame"


def test_relayed_signal_data_is_rebuilt_from_checked_values() -> None:
    frame = frames.parse(json.dumps({"type": "signal", "data": {"candidate": {"candidate": "c", "sdpMid": "0"}}}))
    assert isinstance(frame, frames.Signal)
    assert frame.data == {"candidate": {"candidate": "c", "sdpMid": "0"}}


@pytest.mark.django_db(transaction=True)
async def test_over_the_socket_bad_frames_get_an_error_and_change_nothing(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    events_before = await RoomEvent.objects.filter(room_id=room_id).acount()
    for name, frame in BAD.items():
        await ayesha.send_text(as_text(frame))
        assert await ayesha.error() == "bad_frame", name
    await ayesha.send_text(json.dumps({"type": "chat", "id": str(uuid.uuid4()), "body": "x" * 70_000}))
    assert await ayesha.error() == "too_large"
    await ayesha.comm.send_to(bytes_data=b"\x00" * 10)
    assert await ayesha.error() == "bad_frame"
    assert await sana.quiet()
    assert not await ChatMessage.objects.filter(room_id=room_id).aexists()
    assert not await FeelingTap.objects.filter(room_id=room_id).aexists()
    assert await RoomEvent.objects.filter(room_id=room_id).acount() == events_before
    assert (await Room.objects.aget(pk=room_id)).mode == "video"
    await ayesha.send({"type": "ping"})  # still open and answering
    assert (await ayesha.recv())["type"] == "pong"
    await ayesha.close()
    await sana.close()


@pytest.mark.django_db(transaction=True)
async def test_frames_before_hello_are_not_allowed(room_id: int, client_ayesha: User) -> None:
    socket = Socket(room_id, await signed_in(client_ayesha))
    await socket.open()
    await socket.send({"type": "chat", "id": ID, "body": "hi"})
    assert await socket.error() == "not_allowed"
    assert not await ChatMessage.objects.filter(room_id=room_id).aexists()
    await socket.close()


@pytest.mark.django_db(transaction=True)
async def test_chat_feeling_and_mode_are_rate_limited(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    codes = []
    for _ in range(15):
        await ayesha.send({"type": "chat", "id": str(uuid.uuid4()), "body": "again"})
        frame = await ayesha.until_any("chat_ack", "error")
        codes.append(frame.get("code", "ok"))
    assert codes.count("rate_limited") >= 4
    assert await ChatMessage.objects.filter(room_id=room_id).acount() == codes.count("ok")
    for kind, frame in {
        "feeling": {"type": "feeling", "value": "okay"},
        "mode": {"type": "mode", "mode": "audio", "reason": "user"},
    }.items():
        for _ in range(12):
            await ayesha.send(frame)
        replies = await ayesha.drain()
        assert any(reply.get("code") == "rate_limited" for reply in replies), kind
    assert await FeelingTap.objects.filter(room_id=room_id).acount() <= 7
    await ayesha.close()
    await sana.close()
