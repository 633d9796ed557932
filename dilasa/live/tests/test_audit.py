"""Every read and write of a client's clinical data in a room leaves an audit event, in the same transaction:
the therapist reading the mood word, the feelings and the note; the chat replayed on each join; the client's
own writes. If the event cannot be written, nothing is read or stored."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit import services as audit_services
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.services import verify_chain
from dilasa.live import selectors, services
from dilasa.live.access import access_room
from dilasa.live.models import ChatMessage, MoodCheckIn, Room, SessionNote
from dilasa.live.tests.sockets import both_in, joined
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def trail() -> list[tuple[str, str, str, str]]:
    """(actor, action, target kind, purpose) of every event, in order."""
    return [
        (e.actor.display_name if e.actor else "", e.action, e.target.split(":")[0], e.purpose)
        for e in AccessEvent.objects.select_related("actor").order_by("seq")
    ]


def opened(appointment: Appointment, client: User, therapist: User) -> Room:
    room = access_room(user=client, appointment_id=appointment.pk)
    return services.room_admit(room_id=room.pk, by=therapist)


def test_the_therapist_reading_the_mood_and_feelings_is_recorded(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = opened(appointment, client_ayesha, therapist_sana)
    services.mood_check_in(room=room, by=client_ayesha, value=2, word="tired")
    services.feeling_record(room_id=room.pk, by=client_ayesha, value="pause")
    services.feeling_record(room_id=room.pk, by=client_ayesha, value="pause")
    assert trail() == [
        ("Ayesha", Action.WRITE, "live.mood", Purpose.OWN),
        ("Ayesha", Action.WRITE, "live.feelings", Purpose.OWN),  # once per room, not per tap
    ]
    page = signed_in_client(therapist_sana).get(reverse("live:room", args=[appointment.pk]))
    assert "tired" in page.content.decode()
    assert trail()[2:] == [
        ("Dr Sana", Action.READ, "live.mood", Purpose.CARE),
        ("Dr Sana", Action.READ, "live.feelings", Purpose.CARE),
    ]
    event = AccessEvent.objects.filter(action=Action.READ).first()
    assert event is not None
    assert event.subject_id == client_ayesha.pk
    assert event.target == f"live.mood:{room.pk}"
    assert event.ip == "127.0.0.1"  # the test client's address, picked up by the middleware
    assert verify_chain().broken_at is None


def test_the_client_reading_their_own_mood_is_recorded_as_own_use(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = access_room(user=client_ayesha, appointment_id=appointment.pk)
    services.mood_check_in(room=room, by=client_ayesha, value=3, word="okay")
    signed_in_client(client_ayesha).get(reverse("live:room", args=[appointment.pk]))
    assert trail()[-1] == ("Ayesha", Action.READ, "live.mood", Purpose.OWN)


def test_nothing_to_read_records_nothing(appointment: Appointment, therapist_sana: User) -> None:
    signed_in_client(therapist_sana).get(reverse("live:room", args=[appointment.pk]))
    assert trail() == []


def test_the_note_is_recorded_when_written_and_when_read(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    opened(appointment, client_ayesha, therapist_sana)
    page = signed_in_client(therapist_sana)
    url = reverse("live:after", args=[appointment.pk])
    assert page.post(url, {"body": "Slept better this week"}).status_code == 302
    assert page.get(url).status_code == 200
    assert trail() == [
        ("Dr Sana", Action.WRITE, "live.note", Purpose.CARE),
        ("Dr Sana", Action.READ, "live.note", Purpose.CARE),
    ]


def test_feedback_is_recorded_as_the_clients_own_write(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = opened(appointment, client_ayesha, therapist_sana)
    services.feedback_submit(
        room=room, by=client_ayesha, session_rating=4, connection_rating=3, connected_rating=4, comment="fine"
    )
    assert trail() == [("Ayesha", Action.WRITE, "live.feedback", Purpose.OWN)]


def test_chat_writes_are_recorded_once_per_person_per_room(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = opened(appointment, client_ayesha, therapist_sana)
    for body in ("one", "two", "three"):
        services.chat_post(room_id=room.pk, by=client_ayesha, client_id=uuid.uuid4(), body=body)
    services.chat_post(room_id=room.pk, by=therapist_sana, client_id=uuid.uuid4(), body="four")
    assert trail() == [
        ("Ayesha", Action.WRITE, "live.chat", Purpose.OWN),
        ("Dr Sana", Action.WRITE, "live.chat", Purpose.CARE),
    ]


@pytest.mark.django_db(transaction=True)
async def test_each_join_records_one_read_of_the_chat_whatever_its_length(
    room_id: int, client_ayesha: User, therapist_sana: User
) -> None:
    ayesha, sana = await both_in(room_id, client_ayesha, therapist_sana, admit=True)
    for n in range(5):
        await ayesha.send({"type": "chat", "id": str(uuid.uuid4()), "body": f"line {n}"})
        await ayesha.until("chat_ack")
    await sana.close()
    again = await joined(room_id, therapist_sana)
    replayed = [frame for frame in await again.drain() if frame["type"] == "chat"]
    assert len(replayed) == 5
    reads = [
        (e.actor_id, e.purpose)
        async for e in AccessEvent.objects.filter(action=Action.READ, target=f"live.chat:{room_id}").order_by("seq")
    ]
    # Sana's first join, Ayesha's join, Sana's re-join: one event each, not one per line.
    assert reads == [
        (therapist_sana.pk, Purpose.CARE),
        (client_ayesha.pk, Purpose.OWN),
        (therapist_sana.pk, Purpose.CARE),
    ]
    await ayesha.close()
    await again.close()


def broken_record(**kwargs: object) -> None:
    raise RuntimeError("the audit table is unavailable")


@pytest.mark.parametrize("where", ["selectors", "services"])
def test_no_audit_no_read(
    appointment: Appointment,
    client_ayesha: User,
    therapist_sana: User,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    room = opened(appointment, client_ayesha, therapist_sana)
    services.mood_check_in(room=room, by=client_ayesha, value=2, word="tired")
    services.note_save(room=room, by=therapist_sana, body="Slept better")
    services.chat_post(room_id=room.pk, by=client_ayesha, client_id=uuid.uuid4(), body="hello")
    before = AccessEvent.objects.count()
    monkeypatch.setattr(selectors if where == "selectors" else services, "record", broken_record)
    monkeypatch.setattr(audit_services, "record", broken_record)  # record_once's own call
    reads = {
        "selectors": [
            lambda: selectors.mood_of(room, reader=therapist_sana),
            lambda: selectors.note_text(room, reader=therapist_sana),
        ],
        "services": [lambda: services.chat_history(room_id=room.pk, after_seq=0, reader=therapist_sana)],
    }[where]
    for read in reads:
        with pytest.raises(RuntimeError):
            read()
    assert AccessEvent.objects.count() == before


def test_no_audit_no_write(
    appointment: Appointment, client_ayesha: User, therapist_sana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = opened(appointment, client_ayesha, therapist_sana)
    monkeypatch.setattr(services, "record", broken_record)
    monkeypatch.setattr(audit_services, "record", broken_record)
    with pytest.raises(RuntimeError):
        services.note_save(room=room, by=therapist_sana, body="Slept better")
    with pytest.raises(RuntimeError):
        services.mood_check_in(room=room, by=client_ayesha, value=2, word="tired")
    with pytest.raises(RuntimeError):
        services.chat_post(room_id=room.pk, by=client_ayesha, client_id=uuid.uuid4(), body="hello")
    assert not SessionNote.objects.exists()
    assert not MoodCheckIn.objects.exists()
    assert not ChatMessage.objects.exists()
    assert AccessEvent.objects.count() == 0
