"""Chat is stored once per id, numbered in order, replayed after the last seq a page saw, and never in plaintext."""

from __future__ import annotations

import sqlite3
import threading
import uuid

import pytest
from django.db import connection

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.live import services
from dilasa.live.models import ChatMessage, Room
from dilasa.live.tests.sockets import both_in, joined

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "My brother does not know I am here"


async def test_a_line_reaches_both_with_a_seq_and_an_ack(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    line = str(uuid.uuid4())
    await ayesha.send({"type": "chat", "id": line, "body": "salaam"})
    got = await sana.recv()
    assert got["type"] == "chat"
    assert (got["seq"], got["id"], got["from"], got["body"]) == (1, line, "client", "salaam")
    mine = [await ayesha.recv(), await ayesha.recv()]
    assert {frame["type"] for frame in mine} == {"chat", "chat_ack"}
    assert {"type": "chat_ack", "id": line, "seq": 1} in mine
    await ayesha.close()
    await sana.close()


async def test_a_resent_id_is_acknowledged_again_and_stored_once(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    line = str(uuid.uuid4())
    for _ in range(3):
        await ayesha.send({"type": "chat", "id": line, "body": "salaam"})
        assert (await ayesha.until("chat_ack"))["seq"] == 1
    assert len([f for f in await sana.drain() if f["type"] == "chat"]) == 1
    assert await ChatMessage.objects.filter(room_id=room_id).acount() == 1
    await ayesha.close()
    await sana.close()


async def test_the_same_id_from_the_other_person_is_a_different_line(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    line = str(uuid.uuid4())
    await ayesha.send({"type": "chat", "id": line, "body": "one"})
    assert (await ayesha.until("chat_ack"))["seq"] == 1
    await sana.send({"type": "chat", "id": line, "body": "two"})
    assert (await sana.until("chat_ack"))["seq"] == 2
    await ayesha.close()
    await sana.close()


async def test_seqs_follow_the_order_lines_were_stored(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    for n in range(5):
        await (ayesha if n % 2 else sana).send({"type": "chat", "id": str(uuid.uuid4()), "body": f"line {n}"})
    seen = [f for f in await sana.drain() if f["type"] == "chat"]
    assert [f["seq"] for f in seen] == [1, 2, 3, 4, 5]
    assert [f["body"] for f in seen] == [f"line {n}" for n in range(5)]
    await ayesha.close()
    await sana.close()


async def test_a_page_that_reconnects_gets_what_it_missed_after_its_last_seq(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    for n in range(3):
        await sana.send({"type": "chat", "id": str(uuid.uuid4()), "body": f"line {n}"})
        await sana.until("chat_ack")
    ayesha.skipped += await ayesha.drain()
    await ayesha.close()
    for n in range(3, 5):  # sent while Ayesha's socket is down
        await sana.send({"type": "chat", "id": str(uuid.uuid4()), "body": f"line {n}"})
        await sana.until("chat_ack")
    seen = max(f["seq"] for f in ayesha.skipped if f["type"] == "chat")
    assert seen == 3
    back = await joined(room_id, client_ayesha, ayesha.peer_id, last_seq=seen)
    replayed = [await back.recv() for _ in range(2)]
    assert [(f["type"], f["seq"], f["body"]) for f in replayed] == [("chat", 4, "line 3"), ("chat", 5, "line 4")]
    assert (await back.recv())["type"] == "peer"  # and nothing older
    await back.close()
    fresh = await joined(room_id, client_ayesha)  # a reloaded page asks from 0 and gets all five
    assert [f["seq"] for f in [await fresh.recv() for _ in range(5)]] == [1, 2, 3, 4, 5]
    await fresh.close()
    await sana.close()


async def test_chat_is_sealed_in_the_database(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    line = str(uuid.uuid4())
    await ayesha.send({"type": "chat", "id": line, "body": SECRET})
    await ayesha.until("chat_ack")
    await ayesha.close()
    await sana.close()
    stored = await ChatMessage.objects.aget(room_id=room_id)
    body = bytes(stored.body)
    assert SECRET.encode() not in body
    assert unseal(body, context=f"live.chat:{room_id}:{line}") == SECRET
    with pytest.raises(Exception, match="does not open"):
        unseal(body, context=f"live.chat:{room_id + 1}:{line}")


def test_no_plaintext_anywhere_in_the_database_file(room_id: int, client_ayesha: User) -> None:
    """Scan the raw bytes of the SQLite file (and its write-ahead log) after a chat line is stored."""
    if connection.vendor != "sqlite":
        pytest.skip("scans a SQLite file")
    services.chat_post(room_id=room_id, by=client_ayesha, client_id=uuid.uuid4(), body=SECRET)
    connection.close()
    name = str(connection.settings_dict["NAME"])
    with sqlite3.connect(name) as raw:
        raw.execute("PRAGMA wal_checkpoint(FULL)")
        rows = raw.execute("SELECT body FROM live_chatmessage").fetchall()
    assert rows
    assert all(SECRET.encode() not in bytes(row[0]) for row in rows)
    for path in (name, name + "-wal"):
        try:
            with open(path, "rb") as handle:
                assert SECRET.encode() not in handle.read()
        except FileNotFoundError:
            pass


def test_concurrent_senders_get_distinct_gap_free_seqs(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    errors: list[BaseException] = []

    def send(user: User, n: int) -> None:
        try:
            for i in range(5):
                services.chat_post(room_id=room_id, by=user, client_id=uuid.uuid4(), body=f"{n}-{i}")
        except BaseException as error:  # noqa: BLE001 - collected and re-raised in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(user, n)) for n, user in enumerate([client_ayesha, therapist_sana] * 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = sorted(ChatMessage.objects.filter(room_id=room_id).values_list("seq", flat=True))
    assert seqs == list(range(1, 21))


def test_chat_in_an_ended_room_is_refused(room_id: int, client_ayesha: User, therapist_sana: User) -> None:
    services.room_end(room_id=room_id, by=therapist_sana)
    with pytest.raises(Exception, match="not possible"):
        services.chat_post(room_id=room_id, by=client_ayesha, client_id=uuid.uuid4(), body="late")
    assert not ChatMessage.objects.filter(room__pk=room_id).exists()
    assert Room.objects.get(pk=room_id).state == "ended"
