"""Reads for the room pages. Sealed text is opened here, for the one person the page is for.

Every read of the client's clinical data (mood, feelings, note) takes the `reader` and writes its audit
event in the same transaction as the read: if the event cannot be written, nothing is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from dilasa.accounts.models import User
from dilasa.audit.models import Action
from dilasa.audit.services import record
from dilasa.core.crypto import unseal
from dilasa.live.models import AboutMe, EventKind, FeelingTap, Mood, MoodCheckIn, Room, SessionFeedback, SessionNote
from dilasa.live.services import audit_purpose, audit_target, mood_context, note_context

FEELING_LOG_LIMIT = 100


@dataclass(frozen=True)
class MoodSeen:
    value: int
    label: str
    word: str


def _audit_read(room: Room, reader: User, kind: str) -> None:
    record(
        actor=reader,
        subject_id=room.appointment.client_id,
        action=Action.READ,
        target=audit_target(kind, room.pk),
        purpose=audit_purpose(room, reader),
    )


def mood_of(room: Room, *, reader: User) -> MoodSeen | None:
    """The client's mood before the session, for the client or their therapist in the room."""
    with transaction.atomic():
        checkin = MoodCheckIn.objects.filter(room=room).first()
        if checkin is None:
            return None
        _audit_read(room, reader, "mood")
        word = unseal(bytes(checkin.word), context=mood_context(room.pk)) if checkin.word else ""
    return MoodSeen(value=checkin.value, label=str(Mood(checkin.value).label), word=word)


def feelings_of(room: Room, *, reader: User) -> list[FeelingTap]:
    """The client's in-session feeling taps, newest first, for the therapist's page."""
    with transaction.atomic():
        taps = list(FeelingTap.objects.filter(room=room).order_by("-at", "-pk")[:FEELING_LOG_LIMIT])
        if taps:
            _audit_read(room, reader, "feelings")
    return taps


@dataclass(frozen=True)
class SessionSummary:
    admitted_at: datetime | None
    ended_at: datetime | None
    minutes: int | None
    reconnections: int
    mode_changes: int


def summary_of(room: Room) -> SessionSummary:
    counts = {kind: room.events.filter(kind=kind).count() for kind in (EventKind.RECONNECTED, EventKind.MODE_CHANGED)}
    minutes = None
    if room.admitted_at and room.ended_at:
        minutes = round((room.ended_at - room.admitted_at).total_seconds() / 60)
    return SessionSummary(
        admitted_at=room.admitted_at,
        ended_at=room.ended_at,
        minutes=minutes,
        reconnections=counts[EventKind.RECONNECTED],
        mode_changes=counts[EventKind.MODE_CHANGED],
    )


def note_text(room: Room, *, reader: User) -> str:
    """The therapist's session note, for the therapist's page after the session."""
    with transaction.atomic():
        note = SessionNote.objects.filter(room=room).first()
        if note is None:
            return ""
        _audit_read(room, reader, "note")
        return unseal(bytes(note.body), context=note_context(room.pk))


def about_me_asked(client: User) -> bool:
    """Has the client answered (or declined) the once-only question about age and comfort with technology?"""
    return AboutMe.objects.filter(client=client).exists()


def feedback_given(room: Room) -> bool:
    return SessionFeedback.objects.filter(room=room).exists()
