"""The session record keeps who joined, left, was let in, changed mode, reconnected and ended: never what was said."""

from __future__ import annotations

import uuid

import pytest

from dilasa.accounts.models import User
from dilasa.live.models import FeelingTap, Room, RoomEvent
from dilasa.live.tests.sockets import both_in

pytestmark = pytest.mark.django_db(transaction=True)


async def record(room_id: int) -> list[tuple[str, str, dict[str, object]]]:
    return [(e.kind, e.actor, e.detail) async for e in RoomEvent.objects.filter(room_id=room_id).order_by("at", "pk")]


async def test_a_whole_session_is_recorded(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.send({"type": "mode", "mode": "audio", "reason": "auto_loss"})
    told = await sana.until("mode")
    assert told == {"type": "mode", "mode": "audio", "by": "client", "reason": "auto_loss"}
    await ayesha.send({"type": "reconnected", "what": "ice"})
    await ayesha.send({"type": "chat", "id": str(uuid.uuid4()), "body": "private words"})
    await ayesha.until("chat_ack")
    await sana.send({"type": "end"})
    await ayesha.until("ended")
    await sana.until("ended")
    await ayesha.close()
    await sana.close()
    events = await record(room_id)
    assert [(kind, actor) for kind, actor, _ in events] == [
        ("joined", "therapist"),
        ("joined", "client"),
        ("admitted", "therapist"),
        ("mode_changed", "client"),
        ("reconnected", "client"),
        ("ended", "therapist"),
        ("left", "client"),
        ("left", "therapist"),
    ]
    assert events[3][2] == {"from": "video", "to": "audio", "reason": "auto_loss"}
    assert events[4][2] == {"what": "ice"}
    assert "private words" not in repr(events)
    room = await Room.objects.aget(pk=room_id)
    assert room.mode == "audio"
    assert room.client_channel == room.therapist_channel == ""


async def test_choosing_the_mode_in_use_records_nothing(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await sana.send({"type": "mode", "mode": "video", "reason": "user"})
    assert await sana.quiet()
    assert not [e async for e in RoomEvent.objects.filter(room_id=room_id, kind="mode_changed")]
    await ayesha.close()
    await sana.close()


async def test_feelings_go_to_the_therapist_as_codes(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana)
    await ayesha.send({"type": "feeling", "value": "anxious"})
    assert await ayesha.error() == "not_allowed"  # not before the session opens
    await sana.send({"type": "admit"})
    await ayesha.until("admitted")
    await sana.until("admitted")
    await ayesha.send({"type": "feeling", "value": "anxious"})
    told = await sana.recv()
    assert told["type"] == "feeling"
    assert told["value"] == "anxious"
    assert await ayesha.quiet()
    await sana.send({"type": "feeling", "value": "calm"})
    assert await sana.error() == "not_allowed"  # the client's buttons only
    assert [tap.value async for tap in FeelingTap.objects.filter(room_id=room_id)] == ["anxious"]
    await ayesha.close()
    await sana.close()
