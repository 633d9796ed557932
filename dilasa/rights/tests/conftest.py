"""Two clients of Sana's with canary strings in everything they wrote, so an export or an erasure that
touches the wrong person shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentKind
from dilasa.consent.testing import grant_current
from dilasa.live import services as live
from dilasa.live.access import access_room
from dilasa.live.models import Room
from dilasa.live.testing import appointment_soon
from dilasa.messaging import services as messaging
from dilasa.payments import services as payments
from dilasa.scheduling.models import Appointment


@dataclass
class Story:
    client: User
    canary: str
    appointment: Appointment
    room: Room


def live_story(client: User, therapist: User, canary: str, *, minutes_ago: int) -> Story:
    """A session that started `minutes_ago`: chat, mood word, feedback, the therapist's note, a message, a payment."""
    item = appointment_soon(client, therapist, in_minutes=-minutes_ago)
    room = access_room(user=client, appointment_id=item.pk)
    live.room_admit(room_id=room.pk, by=therapist)
    live.chat_post(room_id=room.pk, by=client, client_id=uuid.uuid4(), body=f"chat {canary}")
    live.mood_check_in(room=room, by=client, value=2, word=f"mood {canary}")
    live.note_save(room=room, by=therapist, body=f"note {canary}")
    live.room_end(room_id=room.pk, by=therapist)
    live.feedback_submit(
        room=room, by=client, session_rating=4, connection_rating=3, connected_rating=5, comment=f"fb {canary}"
    )
    thread = messaging.thread_start(user=client, other_id=therapist.pk)
    messaging.message_send(user=client, thread_id=thread.pk, client_id=uuid.uuid4(), body=f"message {canary}")
    item.fee_pkr = 2000
    item.save(update_fields=["fee_pkr"])
    payments.payment_submit(
        appointment=item, payer=client, method="jazzcash", reference=f"TX{client.pk:08d}", amount_pkr=2000
    )
    grant_current(client, ConsentKind.SUPERVISION)
    return Story(client, canary, item, room)


@pytest.fixture
def ayesha_story(client_ayesha: User, therapist_sana: User) -> Story:
    client_ayesha.display_name = "Ayesha CANARY-A-NAME"
    client_ayesha.language = "en"
    client_ayesha.save()
    return live_story(client_ayesha, therapist_sana, "CANARY-AYESHA-7f3e", minutes_ago=75)


@pytest.fixture
def kamran_story(client_kamran: User, therapist_sana: User) -> Story:
    client_kamran.display_name = "Kamran CANARY-K-NAME"
    client_kamran.save()
    return live_story(client_kamran, therapist_sana, "CANARY-KAMRAN-91bd", minutes_ago=5)
