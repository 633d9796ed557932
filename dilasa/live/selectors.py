"""Reads for the room pages. Sealed text is opened here, for the one person the page is for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dilasa.core.crypto import unseal
from dilasa.live.models import EventKind, FeelingTap, Mood, MoodCheckIn, Room, SessionFeedback, SessionNote
from dilasa.live.services import mood_context, note_context

FEELING_LOG_LIMIT = 100


@dataclass(frozen=True)
class MoodSeen:
    value: int
    label: str
    word: str


def mood_of(room: Room) -> MoodSeen | None:
    checkin = MoodCheckIn.objects.filter(room=room).first()
    if checkin is None:
        return None
    word = unseal(bytes(checkin.word), context=mood_context(room.pk)) if checkin.word else ""
    return MoodSeen(value=checkin.value, label=str(Mood(checkin.value).label), word=word)


def feelings_of(room: Room) -> list[FeelingTap]:
    return list(FeelingTap.objects.filter(room=room).order_by("-at", "-pk")[:FEELING_LOG_LIMIT])


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


def note_text(room: Room) -> str:
    note = SessionNote.objects.filter(room=room).first()
    return unseal(bytes(note.body), context=note_context(room.pk)) if note else ""


def feedback_given(room: Room) -> bool:
    return SessionFeedback.objects.filter(room=room).exists()
