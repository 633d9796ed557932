"""Sending twice (a double click, a resubmitted form, a socket that resends) stores the message once."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.messaging.models import Message, Thread
from dilasa.messaging.tests.sockets import joined
from dilasa.testing import run_together, signed_in_client


@pytest.mark.django_db
def test_the_same_form_posted_twice_stores_one_message(ayesha: User, thread: Thread) -> None:
    client = signed_in_client(ayesha)
    url = reverse("messaging:thread", args=[thread.pk])
    form_id = client.get(url).context["form"]["client_id"].value()
    data = {"client_id": str(form_id), "body": "Thank you for today"}
    first, second = client.post(url, data), client.post(url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Message.objects.count() == 1
    assert str(Message.objects.get().client_id) == str(form_id)


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_the_same_instant_store_one_message(ayesha: User, thread: Thread) -> None:
    url = reverse("messaging:thread", args=[thread.pk])
    data = {"client_id": str(uuid.uuid4()), "body": "double click"}
    clients = [signed_in_client(ayesha), signed_in_client(ayesha)]
    results = run_together([lambda c=c: c.post(url, data).status_code for c in clients])
    assert results == [302, 302]
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
async def test_a_resent_socket_id_is_acknowledged_again_and_stored_once(
    ayesha: User, sana: User, thread: Thread
) -> None:
    mine, theirs = await joined(thread.pk, ayesha), await joined(thread.pk, sana)
    line = str(uuid.uuid4())
    for _ in range(3):
        await mine.say("salaam", line)
        assert (await mine.until("ack"))["seq"] == 1
    await theirs.drain()
    assert [(m["seq"], m["id"], m["body"], m["mine"]) for m in theirs.messages] == [(1, line, "salaam", False)]
    assert await Message.objects.acount() == 1
    await mine.close()
    await theirs.close()


@pytest.mark.django_db(transaction=True)
async def test_the_same_id_from_each_person_is_two_messages(ayesha: User, sana: User, thread: Thread) -> None:
    mine, theirs = await joined(thread.pk, ayesha), await joined(thread.pk, sana)
    line = str(uuid.uuid4())
    await mine.say("one", line)
    assert (await mine.until("ack"))["seq"] == 1
    await theirs.say("two", line)
    assert (await theirs.until("ack"))["seq"] == 2
    assert await Message.objects.acount() == 2
    await mine.close()
    await theirs.close()
