"""Pages come back: a dropped socket or a reloaded page rejoins, and each side is told who is there now."""

from __future__ import annotations

import pytest

from dilasa.accounts.models import User
from dilasa.live.models import Room
from dilasa.live.tests.sockets import both_in, joined

pytestmark = pytest.mark.django_db(transaction=True)


async def test_a_dropped_socket_rejoins_and_peers_are_announced_again(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await ayesha.close()
    assert await sana.recv() == {"type": "peer", "present": False, "peer_id": ayesha.peer_id}
    back = await joined(room_id, client_ayesha, ayesha.peer_id)  # same page, new socket
    assert back.welcome["state"] == "open"
    assert back.welcome["peer_present"] is True
    assert await back.recv() == {"type": "peer", "present": True, "peer_id": sana.peer_id}
    assert await sana.recv() == {"type": "peer", "present": True, "peer_id": ayesha.peer_id}
    await back.send({"type": "reconnected", "what": "socket"})
    await back.send({"type": "signal", "data": {"candidate": None}})
    assert (await sana.recv())["peer_id"] == ayesha.peer_id  # relaying works again
    await back.close()
    await sana.close()


async def test_a_reloaded_page_comes_back_with_a_new_peer_id(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    await sana.close()
    await ayesha.until("peer")
    reloaded = await joined(room_id, therapist_sana)
    assert reloaded.peer_id != sana.peer_id
    announced = await ayesha.recv()
    assert announced == {"type": "peer", "present": True, "peer_id": reloaded.peer_id}
    await ayesha.close()
    await reloaded.close()


async def test_a_second_page_of_the_same_person_takes_over(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    second = await joined(room_id, client_ayesha)
    assert await ayesha.close_code() == 4409
    assert await sana.recv() == {"type": "peer", "present": True, "peer_id": second.peer_id}
    await ayesha.close()
    assert await sana.quiet()  # the replaced page leaves without saying "gone"
    room = await Room.objects.aget(pk=room_id)
    assert room.client_channel  # the second page holds the room
    await second.send({"type": "signal", "data": {"candidate": None}})
    assert (await sana.recv())["peer_id"] == second.peer_id
    await second.close()
    await sana.close()


async def test_a_second_hello_on_one_socket_is_refused(room_id: int, client_ayesha: User) -> None:
    ayesha = await joined(room_id, client_ayesha)
    await ayesha.drain()
    await ayesha.send({"type": "hello", "peer_id": ayesha.peer_id, "last_seq": 0})
    assert await ayesha.error() == "not_allowed"
    await ayesha.close()
