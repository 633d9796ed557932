"""A client's online sessions, unsealed, for their data-rights export (dilasa.rights audits the export itself).

The session record (who joined, left, changed mode, when), the mood check-in and feeling taps, the chat, and
the client's feedback, and the therapist's short note after the session: like the clinical records
(docs/decisions.md, 20), the download is how a client sees what was written about them.
"""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.live.models import (
    AboutMe,
    ChatMessage,
    FeelingTap,
    MoodCheckIn,
    Room,
    RoomEvent,
    SessionFeedback,
    SessionNote,
)
from dilasa.live.services import chat_context, feedback_context, mood_context, note_context


def export_for_client(client: User) -> dict[str, Any]:
    sessions = []
    for room in Room.objects.filter(appointment__client=client).select_related("appointment").order_by("pk"):
        mood = MoodCheckIn.objects.filter(room=room).first()
        feedback = SessionFeedback.objects.filter(room=room).first()
        note = SessionNote.objects.filter(room=room).first()
        sessions.append(
            {
                "appointment_id": room.appointment_id,
                "mode": room.mode,
                "admitted_at": room.admitted_at.isoformat() if room.admitted_at else None,
                "ended_at": room.ended_at.isoformat() if room.ended_at else None,
                "record": [
                    {"at": event.at.isoformat(), "what": event.kind, "by": event.actor}
                    for event in RoomEvent.objects.filter(room=room).order_by("at", "pk")
                ],
                "mood": None
                if mood is None
                else {
                    "value": mood.value,
                    "word": unseal(bytes(mood.word), context=mood_context(room.pk)) if mood.word else "",
                    "at": mood.at.isoformat(),
                },
                "feelings": [
                    {"value": tap.value, "at": tap.at.isoformat()}
                    for tap in FeelingTap.objects.filter(room=room).order_by("at", "pk")
                ],
                "chat": [
                    {
                        "seq": line.seq,
                        "from": "client" if line.sender_id == client.pk else "therapist",
                        "at": line.sent_at.isoformat(),
                        "text": unseal(bytes(line.body), context=chat_context(room.pk, line.client_id)),
                    }
                    for line in ChatMessage.objects.filter(room=room).order_by("seq")
                ],
                "feedback": None
                if feedback is None
                else {
                    "session": feedback.session_rating,
                    "connection": feedback.connection_rating,
                    "connected": feedback.connected_rating,
                    "comment": unseal(bytes(feedback.comment), context=feedback_context(room.pk))
                    if feedback.comment
                    else "",
                    "at": feedback.at.isoformat(),
                },
            }
        )
        sessions[-1]["therapist_note"] = (
            None
            if note is None
            else {"text": unseal(bytes(note.body), context=note_context(room.pk)), "at": note.at.isoformat()}
        )
    about = AboutMe.objects.filter(client=client).first()
    about_me = (
        None
        if about is None
        else {
            "age_band": about.age_band,
            "tech_comfort": about.tech_comfort,
            "declined": about.declined,
            "at": about.at.isoformat(),
        }
    )
    return {"sessions": sessions, "about_me": about_me}
