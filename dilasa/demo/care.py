"""Demo care: Ayesha in Dr Sana's care, so a newcomer sees the parts that need a relationship.

A session held last week (with a note in her folder), a session starting in a few minutes (the room opens
10 minutes before), her agreement for online sessions, two messages, and a check-in waiting to be answered.
Kamran and Gul have no agreement yet: signing in as them shows the agreement a first-time client reads.
Every step goes through the same services as the pages, and seeding twice adds nothing twice.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentKind
from dilasa.consent.publishing import load_documents
from dilasa.consent.selectors import current_document, has_consent
from dilasa.consent.services import consent_grant
from dilasa.messaging import services as messaging
from dilasa.messaging.models import Message
from dilasa.outcomes import access as outcomes
from dilasa.outcomes.models import Assignment
from dilasa.records import access as records
from dilasa.records.models import Note
from dilasa.scheduling.models import Appointment, Mode, Status

NOTE = {
    "subjective": "Sleeping badly since moving to her in-laws' home; worries at night about her mother's health.",
    "objective": "Calm, engaged, joined by audio from home; spoke quietly as family were nearby.",
    "assessment": "Low mood and worry linked to the move; no risk disclosed.",
    "plan": "Sleep diary for a week; worry time each evening; review next session.",
}


def _appointment(client: User, therapist: User, *, starts_in: timedelta, status: str) -> Appointment:
    starts_at = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    ends_at = starts_at + timedelta(minutes=50)
    organisation_id = therapist.organisation_id
    if organisation_id is None:
        raise ValueError("a therapist belongs to a clinic")
    return Appointment.objects.create(
        client=client,
        therapist=therapist,
        organisation_id=organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + timedelta(minutes=10),
        mode=Mode.VIDEO,
        status=status,
        booked_by=client,
        fee_pkr=0,
    )


def seed_care(people: dict[str, User]) -> None:
    ayesha, sana = people["client_ayesha"], people["therapist_sana"]
    now = timezone.now()
    pair = Appointment.objects.filter(client=ayesha, therapist=sana)
    if not pair.filter(status=Status.COMPLETED).exists():
        _appointment(ayesha, sana, starts_in=timedelta(days=-7), status=Status.COMPLETED)
    # A session to join now: starting within the next quarter of an hour, unless one is already near.
    if not pair.filter(status=Status.BOOKED, starts_at__gte=now - timedelta(minutes=30)).exists():
        _appointment(ayesha, sana, starts_in=timedelta(minutes=5), status=Status.BOOKED)

    if not has_consent(ayesha.pk, ConsentKind.TELECOUNSELLING):
        document = current_document(ConsentKind.TELECOUNSELLING)
        if document is None:
            load_documents()
            document = current_document(ConsentKind.TELECOUNSELLING)
        if document is not None:
            consent_grant(client=ayesha, kind=ConsentKind.TELECOUNSELLING, document_id=document.pk, language="ur")

    thread = messaging.thread_start(user=ayesha, other_id=sana.pk)
    if not Message.objects.filter(thread=thread).exists():
        messaging.message_send(
            user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body="Salaam Ayesha, how did the sleep diary go?"
        )
        messaging.message_send(
            user=ayesha, thread_id=thread.pk, client_id=uuid.uuid4(), body="Better on three nights. Thank you."
        )

    if not Note.objects.filter(client=ayesha, therapist=sana).exists():
        records.write_note(user=sana, client_id=ayesha.pk, template="soap", sections=NOTE)

    if not Assignment.objects.filter(client=ayesha, therapist=sana).exists():
        outcomes.assign(user=sana, client_id=ayesha.pk, instrument="phq9", schedule="once")
