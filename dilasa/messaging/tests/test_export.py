"""A client's data export includes all her messages, readable, and what she attached (not the files)."""

from __future__ import annotations

import json
import uuid

import pytest

from dilasa.accounts.models import User
from dilasa.messaging import services
from dilasa.messaging.export import export_for_client
from dilasa.messaging.models import Thread
from dilasa.messaging.testing import put_in_care
from dilasa.messaging.tests.test_attachments import PDF

pytestmark = pytest.mark.django_db


def test_every_thread_and_message_is_exported_unsealed(
    ayesha: User, sana: User, thread: Thread, therapist_bilal: User, client_kamran: User
) -> None:
    services.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body="How was the week?")
    services.message_send(
        user=ayesha,
        thread_id=thread.pk,
        client_id=uuid.uuid4(),
        body="Better. Here is the letter.",
        upload=services.Upload(name="letter.pdf", data=PDF),
    )
    put_in_care(ayesha, therapist_bilal)
    second = services.thread_start(user=ayesha, other_id=therapist_bilal.pk)
    services.message_send(user=therapist_bilal, thread_id=second.pk, client_id=uuid.uuid4(), body="Welcome")
    put_in_care(client_kamran, sana)  # someone else's thread is not hers
    other = services.thread_start(user=client_kamran, other_id=sana.pk)
    services.message_send(user=client_kamran, thread_id=other.pk, client_id=uuid.uuid4(), body="not Ayesha's")

    exported = export_for_client(ayesha)
    json.dumps(exported)  # serialisable as it is
    assert [t["therapist"] for t in exported["threads"]] == ["Dr Sana", "Bilal"]
    first = exported["threads"][0]["messages"]
    assert [(m["seq"], m["from"], m["body"]) for m in first] == [
        (1, "therapist", "How was the week?"),
        (2, "client", "Better. Here is the letter."),
    ]
    assert first[0]["attachment"] is None
    assert first[1]["attachment"] == {"name": "letter.pdf", "content_type": "application/pdf", "size": len(PDF)}
    assert "not Ayesha's" not in json.dumps(exported)


def test_a_client_without_messages_exports_an_empty_list(client_kamran: User) -> None:
    assert export_for_client(client_kamran) == {"threads": []}
