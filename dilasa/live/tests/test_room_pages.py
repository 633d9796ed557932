"""The room page, the mood check-in and the page after the session: for the two people only, never cached."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.live import services
from dilasa.live.access import access_room
from dilasa.live.models import MoodCheckIn, Room, SessionFeedback, SessionNote
from dilasa.live.testing import appointment_soon
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_client_sees_the_waiting_room(appointment: Appointment, client_ayesha: User) -> None:
    page = signed_in_client(client_ayesha).get(reverse("live:room", args=[appointment.pk]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    room = Room.objects.get(appointment=appointment)
    assert f'data-ws="/ws/live/{room.pk}/"' in html
    assert 'data-role="client"' in html
    assert 'href="/check/"' in html
    assert reverse("live:mood", args=[appointment.pk]) in html
    assert 'data-feeling="pause"' in html
    assert 'id="admit"' not in html
    assert "js/room.js" in html
    assert "Dr Sana" in html


def test_the_therapist_sees_admit_end_and_the_feeling_log(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    page = signed_in_client(therapist_sana).get(reverse("live:room", args=[appointment.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-role="therapist"' in html
    assert 'id="admit"' in html
    assert 'id="end"' in html
    assert 'id="feelings"' in html
    assert 'data-feeling="pause"' not in html


@pytest.mark.parametrize("persona", ["client_kamran", "admin_farah", "admin_omar"])
def test_anyone_else_gets_not_found(appointment: Appointment, persona: str, request: pytest.FixtureRequest) -> None:
    client = signed_in_client(request.getfixturevalue(persona))
    for name in ("live:room", "live:after"):
        assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    assert client.get(reverse("live:room", args=[appointment.pk + 99])).status_code == 404
    assert not Room.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(appointment: Appointment) -> None:
    from django.test import Client

    page = Client().get(reverse("live:room", args=[appointment.pk]))
    assert page.status_code == 302
    assert "/sign-in/" in page.url


def test_too_early_goes_back_to_the_appointment(client_ayesha: User, therapist_sana: User) -> None:
    item = appointment_soon(client_ayesha, therapist_sana, in_minutes=120)
    page = signed_in_client(client_ayesha).get(reverse("live:room", args=[item.pk]))
    assert page.status_code == 302
    assert page.url == reverse("scheduling:appointment", args=[item.pk])


def test_after_the_end_the_room_leads_to_the_after_page(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    room = access_room(user=client_ayesha, appointment_id=appointment.pk)
    services.room_admit(room_id=room.pk, by=therapist_sana)
    services.room_end(room_id=room.pk, by=therapist_sana)
    page = signed_in_client(client_ayesha).get(reverse("live:room", args=[appointment.pk]))
    assert page.url == reverse("live:after", args=[appointment.pk])


def test_the_mood_check_in_is_sealed_and_shown_to_the_therapist(
    appointment: Appointment, client_ayesha: User, therapist_sana: User, on_commit
) -> None:
    client = signed_in_client(client_ayesha)
    client.get(reverse("live:room", args=[appointment.pk]))
    with on_commit():
        page = client.post(reverse("live:mood", args=[appointment.pk]), {"value": "2", "word": "tired"})
    assert page.status_code == 302
    checkin = MoodCheckIn.objects.get()
    assert checkin.value == 2
    assert b"tired" not in bytes(checkin.word)
    assert unseal(bytes(checkin.word), context=f"live.mood:{checkin.room_id}") == "tired"
    html = signed_in_client(therapist_sana).get(reverse("live:room", args=[appointment.pk])).content.decode()
    assert "Low" in html
    assert "tired" in html
    assert (
        signed_in_client(therapist_sana).post(reverse("live:mood", args=[appointment.pk]), {"value": "5"}).status_code
        == 403
    )
    assert client.post(reverse("live:mood", args=[appointment.pk]), {"value": "9"}).status_code == 302
    assert MoodCheckIn.objects.get().value == 2


def opened_room(appointment: Appointment, client: User, therapist: User) -> Room:
    room = access_room(user=client, appointment_id=appointment.pk)
    return services.room_admit(room_id=room.pk, by=therapist)


def test_the_after_page_waits_until_the_session_started(appointment: Appointment, client_ayesha: User) -> None:
    access_room(user=client_ayesha, appointment_id=appointment.pk)
    assert signed_in_client(client_ayesha).get(reverse("live:after", args=[appointment.pk])).status_code == 404


def test_the_client_gives_feedback_sealed(appointment: Appointment, client_ayesha: User, therapist_sana: User) -> None:
    opened_room(appointment, client_ayesha, therapist_sana)
    client_ayesha.language = "en"  # the wording is checked in English; Ayesha usually reads Urdu
    client_ayesha.save(update_fields=["language"])
    client = signed_in_client(client_ayesha)
    url = reverse("live:after", args=[appointment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert client.post(url, {"session_rating": "6"}).status_code == 400
    answer = {"session_rating": "4", "connection_rating": "2", "connected_rating": "5", "comment": "the picture froze"}
    assert client.post(url, answer).status_code == 302
    feedback = SessionFeedback.objects.get()
    assert (feedback.session_rating, feedback.connection_rating, feedback.connected_rating) == (4, 2, 5)
    assert b"froze" not in bytes(feedback.comment)
    assert unseal(bytes(feedback.comment), context=f"live.feedback:{feedback.room_id}") == "the picture froze"
    assert "Your answers are saved" in client.get(url).content.decode()


def test_the_therapist_keeps_a_short_sealed_note(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    opened_room(appointment, client_ayesha, therapist_sana)
    client = signed_in_client(therapist_sana)
    url = reverse("live:after", args=[appointment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("scheduling:appointment", args=[appointment.pk]) in page.content.decode()
    assert client.post(url, {"body": "Worked on sleep; follow up on the family."}).status_code == 302
    note = SessionNote.objects.get()
    assert b"sleep" not in bytes(note.body)
    assert "Worked on sleep" in client.get(url).content.decode()
    assert signed_in_client(client_ayesha).post(url, {"body": "mine now"}).status_code == 400
    assert "Worked on sleep" not in signed_in_client(client_ayesha).get(url).content.decode()


def test_the_after_page_closes_two_weeks_later(
    appointment: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    opened_room(appointment, client_ayesha, therapist_sana)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=appointment.starts_at - timedelta(days=15),
        ends_at=appointment.ends_at - timedelta(days=15),
        blocks_until=appointment.blocks_until - timedelta(days=15),
    )
    assert signed_in_client(client_ayesha).get(reverse("live:after", args=[appointment.pk])).status_code == 404
