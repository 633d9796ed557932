"""The thread's WebSocket: only its two people join, every frame is checked, and a refused frame stores nothing."""

from __future__ import annotations

import json
import uuid

import pytest

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.messaging import frames, services
from dilasa.messaging.models import Message, Presence, Thread
from dilasa.messaging.testing import put_in_care
from dilasa.messaging.tests.sockets import Socket, joined, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

ID = str(uuid.uuid4())


async def test_messages_arrive_in_real_time_to_both_pages(ayesha: User, sana: User, thread: Thread) -> None:
    mine, theirs = await joined(thread.pk, ayesha), await joined(thread.pk, sana)
    line = await mine.say("Are we still on for Thursday?")
    got = await theirs.until("message")
    assert (got["seq"], got["id"], got["body"], got["mine"], got["file"]) == (
        1,
        line,
        "Are we still on for Thursday?",
        False,
        None,
    )
    await mine.until("ack")
    await mine.drain()
    assert [m["mine"] for m in mine.messages] == [True]  # her own page hears it too (another tab would)
    await mine.close()
    await theirs.close()


async def test_a_page_that_reconnects_gets_what_it_missed_after_its_last_seq(
    ayesha: User, sana: User, thread: Thread
) -> None:
    for n in range(5):
        await services_send(sana, thread, f"line {n}")
    back = await joined(thread.pk, ayesha, last_seq=3)
    await back.drain()
    assert [(m["seq"], m["body"]) for m in back.messages] == [(4, "line 3"), (5, "line 4")]
    await back.close()


async def services_send(user: User, thread: Thread, body: str) -> None:
    from channels.db import database_sync_to_async

    await database_sync_to_async(services.message_send)(
        user=user, thread_id=thread.pk, client_id=uuid.uuid4(), body=body
    )


async def test_a_read_frame_marks_the_thread_read(ayesha: User, sana: User, thread: Thread) -> None:
    for n in range(3):
        await services_send(sana, thread, f"line {n}")
    page = await joined(thread.pk, ayesha)
    await page.drain()
    await page.send({"type": "read", "seq": 2})
    await page.send({"type": "ping"})
    assert (await page.until("pong"))["type"] == "pong"
    assert (await Thread.objects.aget(pk=thread.pk)).client_read_seq == 2
    await page.send({"type": "read", "seq": 99})  # never past the end
    await page.send({"type": "ping"})
    await page.until("pong")
    assert (await Thread.objects.aget(pk=thread.pk)).client_read_seq == 3
    await page.close()


async def test_joining_is_audited_and_presence_is_kept_while_open(ayesha: User, sana: User, thread: Thread) -> None:
    page = await joined(thread.pk, sana)
    event = await AccessEvent.objects.order_by("-seq").afirst()
    assert event is not None
    assert (event.actor_id, event.action, event.purpose, event.target) == (
        sana.pk,
        Action.READ,
        Purpose.CARE,
        f"messaging.thread:{thread.pk}",
    )
    assert await Presence.objects.filter(thread=thread, user=sana).acount() == 1
    await page.close()
    assert await Presence.objects.filter(thread=thread, user=sana).acount() == 0


async def test_anyone_but_the_two_cannot_join(
    ayesha: User,
    thread: Thread,
    client_kamran: User,
    therapist_bilal: User,
    admin_farah: User,
    admin_omar: User,
) -> None:
    for outsider in (client_kamran, therapist_bilal, admin_farah, admin_omar, None):
        socket = Socket(thread.pk, await signed_in(outsider) if outsider else None)
        await socket.open()
        assert await socket.close_code() == 4403, outsider
    missing = Socket(thread.pk + 50, await signed_in(ayesha))
    await missing.open()
    assert await missing.close_code() == 4403
    assert await AccessEvent.objects.exclude(actor=ayesha).acount() == 0


async def test_a_therapist_without_the_second_step_cannot_join(sana: User, thread: Thread) -> None:
    socket = Socket(thread.pk, await signed_in(sana, second_step=False))
    await socket.open()
    assert await socket.close_code() == 4403


async def test_another_thread_never_hears_this_one(
    ayesha: User, sana: User, thread: Thread, client_kamran: User
) -> None:
    from channels.db import database_sync_to_async

    await database_sync_to_async(put_in_care)(client_kamran, sana)
    other = await database_sync_to_async(services.thread_start)(user=client_kamran, other_id=sana.pk)
    kamran = await joined(other.pk, client_kamran)
    mine, theirs = await joined(thread.pk, ayesha), await joined(thread.pk, sana)
    await mine.say("only for Sana")
    await theirs.until("message")
    assert await kamran.drain() == []
    assert kamran.messages == []
    for socket in (kamran, mine, theirs):
        await socket.close()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not json", "bad_frame"),
        ("[1, 2]", "bad_frame"),
        ('{"type": "send", "id": "x", "body": "hi"}', "bad_frame"),
        (json.dumps({"type": "send", "id": ID}), "bad_frame"),
        (json.dumps({"type": "send", "id": ID, "body": "   "}), "bad_frame"),
        (json.dumps({"type": "send", "id": ID, "body": 42}), "bad_frame"),
        (json.dumps({"type": "send", "id": ID, "body": "hi", "to": 7}), "bad_frame"),
        (json.dumps({"type": "send", "id": ID, "body": "a\u0000b"}), "bad_frame"),
        ('{"type": "read", "seq": -1}', "bad_frame"),
        ('{"type": "read", "seq": true}', "bad_frame"),
        ('{"type": "read", "seq": NaN}', "bad_frame"),
        ('{"type": "delete", "seq": 1}', "unknown_type"),
        ('{"type": "signal", "data": {}}', "unknown_type"),
        (json.dumps({"type": "send", "id": str(uuid.uuid4()), "body": "x" * 4001}), "bad_frame"),
        (
            json.dumps({"type": "send", "id": str(uuid.uuid4()), "body": "x" * (frames.MAX_FRAME_BYTES + 1)}),
            "too_large",
        ),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "bad-id",
        "missing-body",
        "blank-body",
        "number-body",
        "extra-field",
        "control-character",
        "negative-seq",
        "boolean-seq",
        "nan",
        "unknown-type",
        "another-apps-frame",
        "body-too-long",
        "oversized-frame",
    ],
)
async def test_bad_frames_get_a_clear_error_and_store_nothing(
    ayesha: User, sana: User, thread: Thread, text: str, code: str
) -> None:
    page = await joined(thread.pk, ayesha)
    await page.send_text(text)
    assert (await page.error())["code"] == code
    await page.send({"type": "ping"})  # the connection stays usable
    assert (await page.recv())["type"] == "pong"
    assert await Message.objects.acount() == 0
    await page.close()


async def test_binary_frames_are_refused(ayesha: User, sana: User, thread: Thread) -> None:
    page = await joined(thread.pk, ayesha)
    await page.comm.send_to(bytes_data=b"\x00" * 10)
    assert (await page.error())["code"] == "bad_frame"
    await page.comm.send_to(bytes_data=b"\x00" * (frames.MAX_FRAME_BYTES + 1))
    assert (await page.error())["code"] == "too_large"
    await page.close()


async def test_hello_comes_first_and_only_once(ayesha: User, sana: User, thread: Thread) -> None:
    socket = Socket(thread.pk, await signed_in(ayesha))
    await socket.open()
    await socket.say("too early")
    assert (await socket.error())["code"] == "not_allowed"
    await socket.hello()
    await socket.send({"type": "hello", "last_seq": 0})
    assert (await socket.error())["code"] == "not_allowed"
    assert await Message.objects.acount() == 0
    await socket.close()


async def test_sending_after_care_ends_is_refused_with_the_id(ayesha: User, sana: User, thread: Thread) -> None:
    from dilasa.scheduling.models import Appointment, Status

    page = await joined(thread.pk, ayesha)
    await Appointment.objects.filter(client=ayesha).aupdate(status=Status.CANCELLED)
    line = await page.say("hello?")
    assert await page.error() == {"type": "error", "code": "not_allowed", "id": line}
    assert await Message.objects.acount() == 0
    await page.close()
