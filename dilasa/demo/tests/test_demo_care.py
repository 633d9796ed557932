"""The demo shows what needs a care relationship: Ayesha, in Dr Sana's care, can join a session now, read her
messages and answer a check-in; Sana has a note in Ayesha's folder. Seeding again adds nothing twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentKind
from dilasa.consent.selectors import has_consent
from dilasa.messaging.models import Message
from dilasa.outcomes.models import Assignment
from dilasa.records.models import Note
from dilasa.scheduling.models import Appointment, Status
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", force=True, quiet=True, stdout=StringIO())


def test_ayesha_can_join_todays_session_read_her_messages_and_answer_a_check_in() -> None:
    seed()
    ayesha = User.objects.get(login="ayesha@dilasa.example")
    sana = User.objects.get(login="sana@dilasa.example")
    soon = Appointment.objects.get(client=ayesha, therapist=sana, status=Status.BOOKED)
    page = signed_in_client(ayesha).get(reverse("live:room", args=[soon.pk]))
    assert page.status_code == 200, "the room is open: she agreed to online sessions and it starts soon"
    assert has_consent(ayesha.pk, ConsentKind.TELECOUNSELLING)
    assert not has_consent(User.objects.get(login="+923001234567").pk, ConsentKind.TELECOUNSELLING)
    inbox = signed_in_client(ayesha).get(reverse("messaging:inbox"))
    assert inbox.status_code == 200
    assert Message.objects.filter(thread__client=ayesha).count() == 2
    assignment = Assignment.objects.get(client=ayesha)
    assert signed_in_client(ayesha).get(reverse("outcomes:answer", args=[assignment.pk])).status_code == 200
    folder = signed_in_client(sana).get(reverse("records:folder", args=[ayesha.pk]))
    assert folder.status_code == 200


def test_seeding_again_adds_nothing_twice() -> None:
    seed()
    seed()
    ayesha = User.objects.get(login="ayesha@dilasa.example")
    assert Appointment.objects.filter(client=ayesha).count() == 2
    assert Message.objects.filter(thread__client=ayesha).count() == 2
    assert Note.objects.filter(client=ayesha).count() == 1
    assert Assignment.objects.filter(client=ayesha).count() == 1
