"""Someone not looking at the thread is told, discreetly, that a message is waiting: once per half hour at most."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.messaging import services
from dilasa.messaging.models import Thread
from dilasa.messaging.testing import put_in_care

pytestmark = pytest.mark.django_db

SECRET = "The nightmares are back"


def send(user: User, thread: Thread, on_commit, body: str = SECRET) -> None:
    with on_commit():
        services.message_send(user=user, thread_id=thread.pk, client_id=uuid.uuid4(), body=body)


def test_an_offline_client_gets_one_neutral_email(ayesha: User, sana: User, thread: Thread, on_commit) -> None:
    send(sana, thread, on_commit)
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [ayesha.login]
    assert notice.subject == "Dilasa"
    assert notice.body.startswith("You have a new message on Dilasa.\n")
    assert notice.body.endswith("/messages/")
    text = f"{notice.subject} {notice.body}".lower()
    for word in ("sana", "dr", "nightmare", "therap", "counsel", "session", "mental", str(thread.pk) + "/"):
        assert word not in text, word


def test_no_more_than_one_notice_per_thread_in_half_an_hour(
    ayesha: User, sana: User, thread: Thread, on_commit
) -> None:
    for _ in range(3):
        send(sana, thread, on_commit)
    assert len(mail.outbox) == 1
    Thread.objects.filter(pk=thread.pk).update(client_notified_at=timezone.now() - timedelta(minutes=31))
    send(sana, thread, on_commit)
    assert len(mail.outbox) == 2


def test_nobody_is_notified_of_their_own_message_and_each_side_has_its_own_window(
    ayesha: User, sana: User, thread: Thread, on_commit
) -> None:
    send(sana, thread, on_commit)
    send(ayesha, thread, on_commit)
    assert [m.to for m in mail.outbox] == [[ayesha.login], [sana.login]]


def test_someone_with_the_thread_open_is_not_notified(ayesha: User, sana: User, thread: Thread, on_commit) -> None:
    services.presence_join(thread_id=thread.pk, user=ayesha, channel="test-channel")
    send(sana, thread, on_commit)
    assert mail.outbox == []
    Thread.objects.filter(pk=thread.pk).update(client_notified_at=None)
    services.presence_touch(channel="test-channel")
    from dilasa.messaging.models import Presence

    Presence.objects.update(seen_at=timezone.now() - timedelta(minutes=5))  # a page that went away without a word
    send(sana, thread, on_commit)
    assert len(mail.outbox) == 1


def test_a_phone_login_gets_a_neutral_sms(client_kamran: User, sana: User, on_commit) -> None:
    client_kamran.language = "en"
    client_kamran.save(update_fields=["language"])
    put_in_care(client_kamran, sana)
    thread = services.thread_start(user=sana, other_id=client_kamran.pk)
    send(sana, thread, on_commit)
    [sms] = LocmemSmsBackend.outbox
    assert sms.to == client_kamran.login
    assert sms.body.startswith("You have a new message on Dilasa.")
    assert SECRET not in sms.body
    assert "Sana" not in sms.body
