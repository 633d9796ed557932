"""Only the appointment's client and therapist, fully signed in, get a room's socket; others get 4403 and nothing."""

from __future__ import annotations

import uuid

import pytest

from dilasa.accounts.models import User
from dilasa.live.models import RoomEvent
from dilasa.live.tests.sockets import Socket, cookie_of, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


async def refused(room_id: int, cookie: bytes | None, **options: bytes) -> None:
    socket = Socket(room_id, cookie, **options)
    await socket.open()
    assert await socket.close_code() == 4403
    await socket.send({"type": "hello", "peer_id": str(uuid.uuid4()), "last_seq": 0})
    assert await socket.quiet()
    await socket.close()


async def test_anonymous_is_refused(room_id: int) -> None:
    await refused(room_id, None)


@pytest.fixture
def cookies(client_kamran: User, admin_farah: User, clinic_sukoon, therapist_sana: User) -> dict[str, bytes]:
    from dilasa.testing import make_user

    other_therapist = make_user("hina@example.com", display_name="Hina", role="therapist", organisation=clinic_sukoon)
    return {
        "another client": cookie_of(client_kamran),
        "another therapist": cookie_of(other_therapist),
        "their clinic's admin": cookie_of(admin_farah),
        "their therapist without the second step": cookie_of(therapist_sana, second_step=False),
    }


@pytest.mark.parametrize(
    "who",
    ["another client", "another therapist", "their clinic's admin", "their therapist without the second step"],
)
async def test_others_are_refused(room_id: int, cookies: dict[str, bytes], who: str) -> None:
    await refused(room_id, cookies[who])


async def test_a_room_that_does_not_exist_is_refused_the_same_way(room_id: int, client_ayesha: User) -> None:
    await refused(room_id + 1000, await signed_in(client_ayesha))


async def test_a_foreign_origin_is_refused(room_id: int, client_ayesha: User) -> None:
    socket = Socket(room_id, await signed_in(client_ayesha), origin=b"https://evil.example")
    connected, _ = await socket.comm.connect(timeout=5)
    assert not connected


async def test_the_client_and_the_verified_therapist_get_in(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    for user in (client_ayesha, therapist_sana):
        socket = Socket(room_id, await signed_in(user))
        await socket.open()
        welcome = await socket.hello(str(uuid.uuid4()))
        assert welcome["role"] == ("client" if user == client_ayesha else "therapist")
        assert welcome["state"] == "waiting"
        assert welcome["mode"] == "video"
        assert isinstance(welcome["ice_servers"], list)
        await socket.close()


async def test_signing_out_everywhere_closes_the_door(room_id: int, client_ayesha: User) -> None:
    cookie = await signed_in(client_ayesha)
    client_ayesha.security_stamp = "rotated-by-sign-out"
    await client_ayesha.asave(update_fields=["security_stamp"])
    await refused(room_id, cookie)


async def test_a_refused_socket_leaves_no_trace(room_id: int, client_kamran: User) -> None:
    await refused(room_id, await signed_in(client_kamran))
    assert not await RoomEvent.objects.filter(room_id=room_id).aexists()
