"""A client and their therapist write to each other; each sees what is new, and opening a thread reads it."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.messaging import selectors, services
from dilasa.messaging.models import Message, Thread
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def post(client: Client, thread: Thread, body: str, client_id: uuid.UUID | None = None, **extra: object):
    data = {"client_id": str(client_id or uuid.uuid4()), "body": body, **extra}
    return client.post(reverse("messaging:thread", args=[thread.pk]), data)


def test_a_message_sent_with_the_form_reaches_the_therapist(ayesha: User, sana: User, thread: Thread) -> None:
    response = post(signed_in_client(ayesha), thread, "Can we move to Thursday?")
    assert response.status_code == 302
    assert response.url == reverse("messaging:thread", args=[thread.pk]) + "#end"
    page = signed_in_client(sana).get(reverse("messaging:thread", args=[thread.pk]))
    assert page.status_code == 200
    assert "Can we move to Thursday?" in page.content.decode()
    assert Message.objects.get().seq == 1


def test_the_form_works_without_javascript_and_carries_a_fresh_server_made_id(ayesha: User, thread: Thread) -> None:
    client = signed_in_client(ayesha)
    url = reverse("messaging:thread", args=[thread.pk])
    first = client.get(url).context["form"]["client_id"].value()
    second = client.get(url).context["form"]["client_id"].value()
    assert uuid.UUID(str(first)) != uuid.UUID(str(second))
    html = client.get(url).content.decode()
    assert 'type="hidden" name="client_id"' in html
    assert 'method="post"' in html
    assert 'enctype="multipart/form-data"' in html


def test_unread_counts_per_thread_and_in_total_until_the_thread_is_opened(
    ayesha: User, sana: User, thread: Thread, therapist_bilal: User
) -> None:
    for n in range(3):
        services.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body=f"note {n}")
    services.message_send(user=ayesha, thread_id=thread.pk, client_id=uuid.uuid4(), body="mine")
    assert selectors.unread_total(ayesha) == 3  # her own message is never unread to her
    assert selectors.unread_total(sana) == 1
    [listed] = selectors.threads_for(ayesha)
    assert listed.unread == 3
    client = signed_in_client(ayesha)
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "3 new" in inbox
    client.get(reverse("messaging:thread", args=[thread.pk]))
    assert selectors.unread_total(ayesha) == 0
    assert selectors.threads_for(ayesha)[0].unread == 0
    assert selectors.unread_total(sana) == 1  # reading is per person


def test_the_total_is_shown_discreetly_in_the_navigation(ayesha: User, sana: User, thread: Thread) -> None:
    services.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body="hello")
    html = signed_in_client(ayesha).get(reverse("accounts:home")).content.decode()
    assert 'href="/messages/"' in html
    assert "(1)" in html


def test_history_is_paged_with_the_newest_last(ayesha: User, sana: User, thread: Thread) -> None:
    for n in range(1, 36):
        services.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body=f"line {n:02d}.")
    client = signed_in_client(ayesha)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).context["page"]
    assert [m.seq for m in page.messages] == list(range(6, 36))
    assert page.earlier == 6
    html = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert html.index("line 06.") < html.index("line 35.")
    older = client.get(reverse("messaging:thread", args=[thread.pk]), {"before": 6}).context["page"]
    assert [m.seq for m in older.messages] == [1, 2, 3, 4, 5]
    assert older.earlier is None


def test_pages_are_not_stored_and_their_titles_and_addresses_say_nothing(
    ayesha: User, sana: User, thread: Thread
) -> None:
    services.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body="about the panic attacks")
    client = signed_in_client(ayesha)
    for url in (reverse("messaging:inbox"), reverse("messaging:thread", args=[thread.pk])):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        title = html[html.index("<title>") : html.index("</title>")]
        assert title == "<title>Messages · Dilasa"
        assert url.strip("/").replace("messages/", "").replace("/", "").isdigit() or url == "/messages/"


def test_a_therapist_starts_a_thread_with_a_client_in_their_care(ayesha: User, sana: User) -> None:
    client = signed_in_client(sana)
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "Ayesha" in inbox
    response = client.post(reverse("messaging:start"), {"person": ayesha.pk})
    thread = Thread.objects.get(client=ayesha, therapist=sana)
    assert response.url == reverse("messaging:thread", args=[thread.pk])
    again = signed_in_client(ayesha).post(reverse("messaging:start"), {"person": sana.pk})
    assert again.url == response.url  # one thread per pair
    assert Thread.objects.count() == 1


def test_an_empty_message_is_refused_and_the_text_is_kept(ayesha: User, thread: Thread) -> None:
    response = post(signed_in_client(ayesha), thread, "   ")
    assert response.status_code == 400
    assert "Write a message or choose a file." in response.content.decode()
    too_long = post(signed_in_client(ayesha), thread, "x" * 4001)
    assert too_long.status_code == 400
    assert "x" * 4001 in too_long.content.decode()  # what they wrote is not lost
    assert not Message.objects.exists()


def test_the_body_is_sealed_for_its_own_thread_sender_and_id(ayesha: User, thread: Thread) -> None:
    from dilasa.core.crypto import SealError, unseal
    from dilasa.messaging.models import body_context

    line = uuid.uuid4()
    services.message_send(user=ayesha, thread_id=thread.pk, client_id=line, body="My brother does not know")
    stored = bytes(Message.objects.get().body)
    assert b"brother" not in stored
    assert unseal(stored, context=body_context(thread.pk, ayesha.pk, line)) == "My brother does not know"
    with pytest.raises(SealError):
        unseal(stored, context=body_context(thread.pk + 1, ayesha.pk, line))
