"""A third person neither joins nor hears a room, and two rooms never cross."""

from __future__ import annotations

import uuid

import pytest

from dilasa.accounts.models import Organisation, Role, User
from dilasa.live.access import access_room
from dilasa.live.testing import appointment_soon
from dilasa.live.tests.sockets import Socket, both_in, joined, signed_in
from dilasa.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def therapist_hina(clinic_sukoon: Organisation) -> User:
    return make_user("hina@example.com", display_name="Hina", role=Role.THERAPIST, organisation=clinic_sukoon)


@pytest.fixture
def kamran_room_id(client_kamran: User, therapist_hina: User) -> int:
    """Kamran's voice appointment with Hina, at the same time as Ayesha's with Sana."""
    other = appointment_soon(client_kamran, therapist_hina, mode="audio")
    return access_room(user=client_kamran, appointment_id=other.pk).pk


async def test_a_third_person_cannot_listen_in(
    room_id: int, client_ayesha: User, therapist_sana: User, client_kamran: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    intruder = Socket(room_id, await signed_in(client_kamran))
    await intruder.open()
    assert await intruder.close_code() == 4403
    await ayesha.send({"type": "chat", "id": str(uuid.uuid4()), "body": "just us"})
    await ayesha.send({"type": "signal", "data": {"candidate": None}})
    await sana.until("chat")
    assert await intruder.quiet()
    await intruder.close()
    await ayesha.close()
    await sana.close()


async def test_two_rooms_do_not_cross(
    room_id: int,
    kamran_room_id: int,
    client_ayesha: User,
    client_kamran: User,
    therapist_sana: User,
    therapist_hina: User,
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    kamran = await joined(kamran_room_id, client_kamran)
    assert kamran.welcome["peer_present"] is False
    assert kamran.welcome["mode"] == "audio"
    assert (await kamran.recv())["type"] == "waiting"
    await ayesha.send({"type": "chat", "id": str(uuid.uuid4()), "body": "for Sana"})
    await ayesha.send({"type": "signal", "data": {"candidate": None}})
    await ayesha.send({"type": "mode", "mode": "text", "reason": "user"})
    await sana.until("mode")
    await ayesha.until("mode")
    assert await kamran.quiet()
    hina = await joined(kamran_room_id, therapist_hina)
    await kamran.until("peer")
    await hina.send({"type": "admit"})
    await kamran.until("admitted")
    await kamran.send({"type": "chat", "id": str(uuid.uuid4()), "body": "for my own room"})
    await kamran.send({"type": "signal", "data": {"candidate": None}})
    assert (await hina.until("chat"))["body"] == "for my own room"
    await hina.until("signal")
    assert all(f["type"] not in {"chat", "signal", "admitted", "peer"} for f in await sana.drain())
    assert all(f["type"] not in {"chat", "signal", "admitted", "peer"} for f in await ayesha.drain())
    await kamran.close()
    await hina.close()
    await ayesha.close()
    await sana.close()
