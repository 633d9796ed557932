"""Only the client and their therapist read a thread; everyone else gets "not found", and every read is audited."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.messaging import services
from dilasa.messaging.models import Message, Thread
from dilasa.messaging.tests.test_attachments import PNG
from dilasa.scheduling.models import Appointment, Status
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(ayesha: User, sana: User, thread: Thread) -> Thread:
    services.message_send(
        user=ayesha,
        thread_id=thread.pk,
        client_id=uuid.uuid4(),
        body="I could not sleep again",
        upload=services.Upload(name="letter.png", data=PNG),
    )
    return thread


def urls(thread: Thread) -> list[str]:
    return [
        reverse("messaging:thread", args=[thread.pk]),
        reverse("messaging:file", args=[thread.pk, 1]),
    ]


@pytest.mark.parametrize("outsider", ["client_kamran", "therapist_bilal", "admin_farah", "admin_omar"])
def test_anyone_else_gets_not_found_like_a_thread_that_does_not_exist(
    written: Thread, outsider: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(outsider)
    client = signed_in_client(user)
    for url in [*urls(written), reverse("messaging:thread", args=[written.pk + 99])]:
        response = client.get(url)
        assert response.status_code == 404, (outsider, url)
        assert b"sleep" not in response.content
    sent = client.post(reverse("messaging:thread", args=[written.pk]), {"client_id": str(uuid.uuid4()), "body": "hi"})
    assert sent.status_code == 404
    assert Message.objects.count() == 1
    assert not AccessEvent.objects.filter(actor=user).exists()


def test_a_therapist_of_another_client_cannot_read_this_one(
    written: Thread, therapist_bilal: User, client_kamran: User
) -> None:
    from dilasa.messaging.testing import put_in_care

    put_in_care(client_kamran, therapist_bilal)  # Bilal has clients, just not Ayesha
    assert signed_in_client(therapist_bilal).get(urls(written)[0]).status_code == 404


def test_nobody_starts_a_thread_outside_a_care_relationship(
    ayesha: User, sana: User, therapist_bilal: User, client_kamran: User, admin_farah: User
) -> None:
    assert signed_in_client(ayesha).post(reverse("messaging:start"), {"person": therapist_bilal.pk}).status_code == 404
    assert signed_in_client(sana).post(reverse("messaging:start"), {"person": client_kamran.pk}).status_code == 404
    assert signed_in_client(ayesha).post(reverse("messaging:start"), {"person": ayesha.pk}).status_code == 404
    assert signed_in_client(admin_farah).post(reverse("messaging:start"), {"person": ayesha.pk}).status_code == 403
    assert not Thread.objects.exists()


def test_each_read_is_audited_with_its_purpose(ayesha: User, sana: User, written: Thread) -> None:
    before = AccessEvent.objects.count()
    signed_in_client(ayesha).get(urls(written)[0])
    signed_in_client(sana).get(urls(written)[0])
    signed_in_client(sana).get(urls(written)[1])
    events = list(AccessEvent.objects.order_by("seq")[before:])
    assert [(e.actor_id, e.action, e.purpose, e.target) for e in events] == [
        (ayesha.pk, Action.READ, Purpose.OWN, f"messaging.thread:{written.pk}"),
        (sana.pk, Action.READ, Purpose.CARE, f"messaging.thread:{written.pk}"),
        (sana.pk, Action.READ, Purpose.CARE, f"messaging.attachment:{Message.objects.get().attachment.pk}"),
    ]
    assert all(e.subject_id == ayesha.pk for e in events)
    write = AccessEvent.objects.get(action=Action.WRITE)
    assert (write.actor_id, write.purpose, write.subject_id) == (ayesha.pk, Purpose.OWN, ayesha.pk)


def test_when_care_ends_the_client_keeps_her_messages_and_the_therapist_loses_access(
    ayesha: User, sana: User, written: Thread
) -> None:
    Appointment.objects.filter(client=ayesha, therapist=sana).update(status=Status.CANCELLED)
    assert signed_in_client(sana).get(urls(written)[0]).status_code == 404
    page = signed_in_client(ayesha).get(urls(written)[0])
    assert page.status_code == 200
    assert "I could not sleep again" in page.content.decode()
    assert "no longer send" in page.content.decode()
    refused = signed_in_client(ayesha).post(urls(written)[0], {"client_id": str(uuid.uuid4()), "body": "still there?"})
    assert refused.status_code == 400
    assert "You cannot send messages here now." in refused.content.decode()
    assert Message.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(written: Thread) -> None:
    for url in urls(written):
        response = Client().get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
