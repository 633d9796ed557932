"""No online session without the current online-counselling agreement: the room sends the client to read it,
the WebSocket refuses, a new version asks again, and withdrawing shuts the door at once."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import Http404
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentKind
from dilasa.consent.publishing import document_publish
from dilasa.consent.selectors import current_document, has_consent
from dilasa.consent.services import consent_grant, consent_withdraw
from dilasa.consent.testing import grant_current
from dilasa.live.access import ConsentNeeded, access_room, access_room_for_socket
from dilasa.live.testing import appointment_soon
from dilasa.live.tests.sockets import Socket, signed_in
from dilasa.testing import signed_in_client

ONLINE = ConsentKind.TELECOUNSELLING


@pytest.mark.django_db
def test_a_client_without_the_agreement_is_sent_to_read_it_first(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana, consented=False)
    room_url = reverse("live:room", args=[item.pk])
    response = signed_in_client(client_ayesha).get(room_url)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.path == reverse("consent:document", args=["online"])
    assert parse_qs(target.query)["next"] == [room_url]
    with pytest.raises(ConsentNeeded):
        access_room(user=client_ayesha, appointment_id=item.pk)


@pytest.mark.django_db
def test_agreeing_on_that_page_leads_back_into_the_room(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana, consented=False)
    room_url = reverse("live:room", args=[item.pk])
    browser = signed_in_client(client_ayesha)
    page = browser.get(browser.get(room_url).url)
    form = page.context["form"]
    response = browser.post(
        reverse("consent:document", args=["online"]),
        {"document": form.initial["document"], "language": form.initial["language"], "next": room_url},
    )
    assert response.status_code == 302
    assert response.url == room_url
    assert browser.get(room_url).status_code == 200


@pytest.mark.django_db
def test_the_therapist_needs_no_client_agreement(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana, consented=False)
    assert access_room(user=therapist_sana, appointment_id=item.pk).appointment == item


@pytest.mark.django_db
def test_a_new_version_asks_again_before_the_next_session(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana)
    assert access_room(user=client_ayesha, appointment_id=item.pk)
    v1 = current_document(ONLINE)
    assert v1 is not None
    v2 = document_publish(kind=ONLINE, version=v1.version + 1, texts={"en": ("Agreement", "New terms.")})

    assert not has_consent(client_ayesha.pk, ONLINE)
    with pytest.raises(ConsentNeeded):
        access_room(user=client_ayesha, appointment_id=item.pk)
    page = signed_in_client(client_ayesha).get(reverse("consent:mine"))
    assert page.context["states"][0][0].outdated

    consent_grant(client=client_ayesha, kind=ONLINE, document_id=v2.pk, language="en")
    assert access_room(user=client_ayesha, appointment_id=item.pk)


@pytest.mark.django_db
def test_withdrawing_takes_effect_at_once(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana)
    assert access_room(user=client_ayesha, appointment_id=item.pk)
    response = signed_in_client(client_ayesha).post(reverse("consent:withdraw", args=["online"]))
    assert response.status_code == 302
    assert not has_consent(client_ayesha.pk, ONLINE)
    with pytest.raises(Http404):
        access_room(user=client_ayesha, appointment_id=item.pk)
    grant_current(client_ayesha)
    assert has_consent(client_ayesha.pk, ONLINE)


@pytest.mark.django_db(transaction=True)
async def test_the_websocket_refuses_a_client_who_withdrew(client_ayesha: User, therapist_sana: User) -> None:
    from channels.db import database_sync_to_async

    room_id = await database_sync_to_async(_room_then_withdraw)(client_ayesha, therapist_sana)
    socket = Socket(room_id, await signed_in(client_ayesha))
    await socket.open()
    assert await socket.close_code() == 4403
    await socket.send({"type": "hello", "peer_id": str(uuid.uuid4()), "last_seq": 0})
    assert await socket.quiet()
    await socket.close()


def _room_then_withdraw(client: User, therapist: User) -> int:
    room = access_room(user=client, appointment_id=appointment_soon(client, therapist).pk)
    consent_withdraw(client=client, kind=ONLINE)
    with pytest.raises(Http404):
        access_room_for_socket(user=client, room_id=room.pk)
    return room.pk


@pytest.mark.django_db
def test_the_appointment_page_asks_for_the_agreement_right_after_booking(
    client_ayesha: User, therapist_sana: User
) -> None:
    item = appointment_soon(client_ayesha, therapist_sana, in_minutes=3 * 24 * 60, consented=False)
    browser = signed_in_client(client_ayesha)
    url = reverse("scheduling:appointment", args=[item.pk])
    asked = browser.get(url).context["agreement_url"]
    assert urlsplit(asked).path == reverse("consent:document", args=["online"])
    grant_current(client_ayesha)
    assert browser.get(url).context["agreement_url"] == ""
    assert signed_in_client(therapist_sana).get(url).context["agreement_url"] == ""
