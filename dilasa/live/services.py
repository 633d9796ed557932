"""Writes for session rooms. Each runs in one transaction and publishes to the room only after it commits.

The WebSocket consumer reaches the database only through these (via database_sync_to_async); the pages use
them too. A refused action raises ValidationError with code "not_allowed".
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.middleware import SEEN_AT
from dilasa.accounts.models import User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record, record_once
from dilasa.core import delivery
from dilasa.core.crypto import seal, unseal
from dilasa.live.access import party_role
from dilasa.live.models import (
    AboutMe,
    AgeBand,
    ChatMessage,
    EventKind,
    Feeling,
    FeelingTap,
    LiveMode,
    MoodCheckIn,
    PartyRole,
    Room,
    RoomEvent,
    RoomState,
    SessionFeedback,
    SessionNote,
    TechComfort,
)
from dilasa.live.realtime import publish_on_commit

REPLAY_LIMIT = 500
MOOD_WORD_MAX = 40
FEEDBACK_MAX = 1000
NOTE_MAX = 2000


def not_allowed() -> ValidationError:
    return ValidationError(_("This is not possible in this session now."), code="not_allowed")


def _locked(room_id: int) -> Room:
    return Room.objects.select_for_update().select_related("appointment").get(pk=room_id)


def _role(room: Room, user: User) -> PartyRole:
    role = party_role(room.appointment, user)
    if role is None:
        raise not_allowed()
    return role


def _event(room: Room, kind: EventKind, actor: PartyRole, **detail: Any) -> None:
    RoomEvent.objects.create(room=room, kind=kind, actor=actor, detail=detail)


def chat_context(room_id: int, client_id: uuid.UUID) -> str:
    return f"live.chat:{room_id}:{client_id}"


def mood_context(room_id: int) -> str:
    return f"live.mood:{room_id}"


def feedback_context(room_id: int) -> str:
    return f"live.feedback:{room_id}"


def note_context(room_id: int) -> str:
    return f"live.note:{room_id}"


# --- the audit of clinical data in a room (docs/confidentiality.md) ---------------------------------
# Targets name the room, never content: "live.chat:12". Reads: one event per read of the page or per
# join of the socket (its chat replay and the live stream that follows). Writes: one per mood word, note
# or feedback saved; chat lines and feeling taps once per person per room (the rows carry their own times).


def audit_target(kind: str, room_id: int) -> str:
    return f"live.{kind}:{room_id}"


def audit_purpose(room: Room, user: User) -> Purpose:
    return Purpose.OWN if user.pk == room.appointment.client_id else Purpose.CARE


def _audit_write(room: Room, user: User, kind: str, *, once: bool = False) -> None:
    log = record_once if once else record
    log(
        actor=user,
        subject_id=room.appointment.client_id,
        action=Action.WRITE,
        target=audit_target(kind, room.pk),
        purpose=audit_purpose(room, user),
    )


# --- presence and the session record ---------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    role: PartyRole
    state: str
    mode: str
    peer_present: bool
    tool: dict[str, Any] | None  # the shared tool's last state (a `tool` frame), None if never started


def room_join(*, room_id: int, user: User, channel: str) -> Joined:
    """A page of `user` connected on `channel`: it is now that side's connection."""
    with transaction.atomic():
        room = _locked(room_id)
        role = _role(room, user)
        other = room.therapist_channel if role == PartyRole.CLIENT else room.client_channel
        setattr(room, f"{role}_channel", channel)
        fields = [f"{role}_channel"]
        if room.state == RoomState.OPEN and other and room.started_at is None:
            room.started_at = timezone.now()
            fields.append("started_at")
        room.save(update_fields=fields)
        _event(room, EventKind.JOINED, role)
        tool = _tool_frame(room)
    return Joined(role=role, state=room.state, mode=room.mode, peer_present=bool(other), tool=tool)


def room_leave(*, room_id: int, user: User, channel: str, code: int | None) -> None:
    with transaction.atomic():
        room = _locked(room_id)
        role = _role(room, user)
        if getattr(room, f"{role}_channel") == channel:
            setattr(room, f"{role}_channel", "")
            room.save(update_fields=[f"{role}_channel"])
        _event(room, EventKind.LEFT, role, code=code)


def reconnect_record(*, room_id: int, user: User, what: str) -> None:
    with transaction.atomic():
        room = _locked(room_id)
        _event(room, EventKind.RECONNECTED, _role(room, user), what=what)


def room_admit(*, room_id: int, by: User) -> Room:
    """The therapist lets the client in; the room opens. Admitting an open room changes nothing."""
    with transaction.atomic():
        room = _locked(room_id)
        if _role(room, by) != PartyRole.THERAPIST or room.state == RoomState.ENDED:
            raise not_allowed()
        if room.state == RoomState.OPEN:
            return room
        now = timezone.now()
        room.state, room.admitted_at = RoomState.OPEN, now
        if room.client_channel and room.therapist_channel:
            room.started_at = now
        room.save(update_fields=["state", "admitted_at", "started_at"])
        _event(room, EventKind.ADMITTED, PartyRole.THERAPIST)
        publish_on_commit(room.pk, {"type": "live.state", "state": RoomState.OPEN})
    return room


def room_end(*, room_id: int, by: User) -> Room:
    """The therapist ends the session for both; ending an ended room changes nothing."""
    with transaction.atomic():
        room = _locked(room_id)
        if _role(room, by) != PartyRole.THERAPIST:
            raise not_allowed()
        if room.state == RoomState.ENDED:
            return room
        room.state, room.ended_at = RoomState.ENDED, timezone.now()
        room.save(update_fields=["state", "ended_at"])
        _event(room, EventKind.ENDED, PartyRole.THERAPIST)
        publish_on_commit(room.pk, {"type": "live.state", "state": RoomState.ENDED})
    return room


def room_mode_change(*, room_id: int, by: User, mode: str, reason: str) -> Room:
    if mode not in LiveMode.values:
        raise not_allowed()
    with transaction.atomic():
        room = _locked(room_id)
        role = _role(room, by)
        if room.state == RoomState.ENDED:
            raise not_allowed()
        if room.mode == mode:
            return room
        _event(room, EventKind.MODE_CHANGED, role, **{"from": room.mode, "to": mode, "reason": reason})
        room.mode = mode
        room.save(update_fields=["mode"])
        publish_on_commit(room.pk, {"type": "live.mode", "mode": mode, "by": role, "reason": reason})
    return room


# --- shared tools (the breathing pacer) ---------------------------------------------------------

# The session record's kind for a shared tool starting or stopping. Not (yet) an EventKind choice: adding it
# there needs a migration of dilasa/live/models.py; the column takes any short code.
TOOL_EVENT = EventKind.TOOL


def _tool_frame(room: Room) -> dict[str, Any] | None:
    """The last start or stop of the room's shared tool, as the `tool` frame pages get; None if never started.

    The session record is the state, so a page that joins, reconnects or lands on another worker (or after a
    restart) gets the same answer."""
    last = room.events.filter(kind=TOOL_EVENT).order_by("-at", "-pk").first()
    if last is None:
        return None
    return {"type": "tool", **last.detail, "by": last.actor}


def tool_set(*, room_id: int, by: User, tool: str, action: str) -> dict[str, Any] | None:
    """Either person starts or stops a shared tool in the open room; both pages hear it after commit.

    The server stamps `since` (its clock, epoch ms) and pages compute the breath's phase from it, so nothing
    is sent per breath. Starting what is on, or stopping what is off, changes and records nothing (None)."""
    with transaction.atomic():
        room = _locked(room_id)
        role = _role(room, by)
        if room.state != RoomState.OPEN:
            raise not_allowed()
        state = "on" if action == "start" else "off"
        last = _tool_frame(room)
        if (last["state"] if last else "off") == state:
            return None
        detail = {"tool": tool, "state": state, "since": int(time.time() * 1000)}
        RoomEvent.objects.create(room=room, kind=TOOL_EVENT, actor=role, detail=detail)
        frame = {"type": "tool", **detail, "by": role}
        publish_on_commit(room.pk, {"type": "live.tool", "frame": frame})
    return frame


# --- chat --------------------------------------------------------------------------------------


def chat_thread(room_id: int) -> delivery.ThreadKey[ChatMessage]:
    return delivery.ThreadKey(message_model=ChatMessage, thread_model=Room, thread_field="room", thread_id=room_id)


def chat_frame(message: ChatMessage, body: str, sender_role: str) -> dict[str, Any]:
    return {
        "type": "chat",
        "seq": message.seq,
        "id": str(message.client_id),
        "from": sender_role,
        "body": body,
        "at": message.sent_at.isoformat(),
    }


def chat_post(*, room_id: int, by: User, client_id: uuid.UUID, body: str) -> ChatMessage:
    """Store a chat line once per `client_id` (a resend returns the stored line) and tell the room."""
    with transaction.atomic():
        room = _locked(room_id)
        role = _role(room, by)
        if room.state == RoomState.ENDED:
            raise not_allowed()

        def build(seq: int) -> ChatMessage:
            sealed = seal(body, context=chat_context(room_id, client_id))
            return ChatMessage(room=room, seq=seq, client_id=client_id, sender=by, body=sealed)

        delivered = delivery.deliver(key=chat_thread(room_id), sender_id=by.pk, client_id=client_id, build=build)
        if delivered.created:
            _audit_write(room, by, "chat", once=True)
            message = delivered.message
            publish_on_commit(room_id, {"type": "live.chat", "frame": chat_frame(message, body, role)})
    return delivered.message


def chat_history(*, room_id: int, after_seq: int, reader: User) -> list[dict[str, Any]]:
    """What a page that (re)joins the room receives: the chat after `after_seq`, audited as one read per join
    (it also covers the live stream of chat, mood and feelings that this connection then gets)."""
    with transaction.atomic():
        room = Room.objects.select_related("appointment").get(pk=room_id)
        record(
            actor=reader,
            subject_id=room.appointment.client_id,
            action=Action.READ,
            target=audit_target("chat", room_id),
            purpose=audit_purpose(room, reader),
        )
        return _chat_replay(room_id=room_id, after_seq=after_seq)


def _chat_replay(*, room_id: int, after_seq: int) -> list[dict[str, Any]]:
    """The room's chat after `after_seq`, as frames. Not audited: entry points use `chat_history`."""
    room = Room.objects.select_related("appointment").get(pk=room_id)
    frames = []
    for message in delivery.replay(key=chat_thread(room_id), after_seq=after_seq, limit=REPLAY_LIMIT):
        body = unseal(bytes(message.body), context=chat_context(room_id, message.client_id))
        role = PartyRole.CLIENT if message.sender_id == room.appointment.client_id else PartyRole.THERAPIST
        frames.append(chat_frame(message, body, role))
    return frames


# --- rapport: feelings during, mood before ---------------------------------------------------------


def feeling_record(*, room_id: int, by: User, value: str) -> FeelingTap:
    if value not in Feeling.values:
        raise not_allowed()
    with transaction.atomic():
        room = _locked(room_id)
        if _role(room, by) != PartyRole.CLIENT or room.state != RoomState.OPEN:
            raise not_allowed()
        tap = FeelingTap.objects.create(room=room, value=value)
        _audit_write(room, by, "feelings", once=True)
        publish_on_commit(room.pk, {"type": "live.feeling", "value": value, "at": tap.at.isoformat()})
    return tap


def mood_check_in(*, room: Room, by: User, value: int, word: str = "") -> MoodCheckIn:
    """The client's mood before the session (a new tap replaces the last); the therapist sees it live."""
    word = word.strip()[:MOOD_WORD_MAX]
    with transaction.atomic():
        room = _locked(room.pk)
        if _role(room, by) != PartyRole.CLIENT or room.state == RoomState.ENDED:
            raise not_allowed()
        checkin, _created = MoodCheckIn.objects.update_or_create(
            room=room,
            defaults={"value": value, "word": seal(word, context=mood_context(room.pk)) if word else None},
        )
        _audit_write(room, by, "mood")
        publish_on_commit(room.pk, {"type": "live.mood", "value": value, "word": word})
    return checkin


# --- after the session ----------------------------------------------------------------------------


def feedback_submit(
    *, room: Room, by: User, session_rating: int, connection_rating: int, connected_rating: int, comment: str = ""
) -> SessionFeedback:
    if party_role(room.appointment, by) != PartyRole.CLIENT:
        raise not_allowed()
    comment = comment.strip()[:FEEDBACK_MAX]
    with transaction.atomic():
        feedback, _created = SessionFeedback.objects.update_or_create(
            room=room,
            defaults={
                "session_rating": session_rating,
                "connection_rating": connection_rating,
                "connected_rating": connected_rating,
                "comment": seal(comment, context=feedback_context(room.pk)) if comment else None,
            },
        )
        _audit_write(room, by, "feedback")
    return feedback


def about_me_save(*, client: User, age_band: str = "", tech_comfort: str = "", declined: bool = False) -> AboutMe:
    """The client's once-only answer (or refusal). A second answer changes nothing: it was asked once."""
    if not client.is_client:
        raise not_allowed()
    if age_band not in ("", *AgeBand.values) or tech_comfort not in ("", *TechComfort.values):
        raise ValidationError(_("Choose one of the answers shown."), code="invalid_choice")
    if declined:
        age_band = tech_comfort = ""
    about, _created = AboutMe.objects.get_or_create(
        client=client, defaults={"age_band": age_band, "tech_comfort": tech_comfort, "declined": declined}
    )
    return about


def note_save(*, room: Room, by: User, body: str) -> SessionNote:
    if party_role(room.appointment, by) != PartyRole.THERAPIST:
        raise not_allowed()
    body = body.strip()[:NOTE_MAX]
    with transaction.atomic():
        note, _created = SessionNote.objects.update_or_create(
            room=room, defaults={"author": by, "body": seal(body, context=note_context(room.pk))}
        )
        _audit_write(room, by, "note")
    return note


# --- the sign-in session of a WebSocket --------------------------------------------------------------

KEEPALIVE_SECONDS = 60


def session_keepalive(session: Any) -> None:
    """Being in a live session counts as activity: without this, a 50-minute call would outlast the idle limit."""
    now = int(time.time())
    seen_at = session.get(SEEN_AT)
    if seen_at is None or now - int(seen_at) >= min(KEEPALIVE_SECONDS, settings.SESSION_IDLE_SECONDS):
        session[SEEN_AT] = now
        session.save()
