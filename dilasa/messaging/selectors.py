"""Reads for messaging. Anything that unseals takes a thread already fetched through `access_thread`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, When, prefetch_related_objects
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core import delivery
from dilasa.core.crypto import unseal
from dilasa.core.uploads import NAMES
from dilasa.messaging.models import Attachment, Message, Thread, attachment_context, body_context
from dilasa.scheduling.models import Appointment
from dilasa.scheduling.selectors import CARE_STATUSES, care_team

PAGE_SIZE = 30
REPLAY_BATCH = 200


def threads_for(user: User) -> QuerySet[Thread]:
    """The user's threads, most recent first, each with `unread`: messages from the other side not yet seen."""
    return (
        Thread.objects.filter(Q(client=user) | Q(therapist=user))
        .select_related("client", "therapist")
        .annotate(
            read_upto=Case(
                When(client=user, then=F("client_read_seq")),
                default=F("therapist_read_seq"),
                output_field=IntegerField(),
            )
        )
        .annotate(unread=Count("messages", filter=Q(messages__seq__gt=F("read_upto")) & ~Q(messages__sender=user)))
        .order_by(F("last_message_at").desc(nulls_last=True), "-pk")
    )


def unread_total(user: User) -> int:
    """All unread messages of the user, for the discreet count in the navigation."""
    if not user.is_authenticated or not (user.is_client or user.is_therapist):
        return 0
    mine = Q(thread__client=user, seq__gt=F("thread__client_read_seq")) | Q(
        thread__therapist=user, seq__gt=F("thread__therapist_read_seq")
    )
    return Message.objects.filter(mine).exclude(sender=user).count()


def people_without_thread(user: User) -> QuerySet[User]:
    """Whom the user may start writing to: their therapists (a client) or clients in their care (a therapist)."""
    started = Thread.objects.filter(Q(client=user) | Q(therapist=user)).values_list("client_id", "therapist_id")
    taken = {pk for pair in started for pk in pair}
    if user.is_client:
        people = care_team(client_id=user.pk)
    elif user.is_therapist:
        ids = Appointment.objects.filter(therapist=user, status__in=CARE_STATUSES).values("client_id")
        people = User.objects.filter(pk__in=ids, is_active=True).order_by("display_name")
    else:
        return User.objects.none()
    return people.exclude(pk__in=taken)


@dataclass(frozen=True)
class FileView:
    url: str
    name: str
    kind: str  # "PDF", "PNG", ...
    size: int

    def as_frame(self) -> dict[str, Any]:
        return {"url": self.url, "name": self.name, "kind": self.kind, "size": self.size}


@dataclass(frozen=True)
class MessageView:
    seq: int
    client_id: str
    mine: bool
    body: str
    sent_at: datetime
    file: FileView | None

    def as_frame(self) -> dict[str, Any]:
        return {
            "type": "message",
            "seq": self.seq,
            "id": self.client_id,
            "mine": self.mine,
            "body": self.body,
            "at": self.sent_at.isoformat(),
            "file": self.file.as_frame() if self.file else None,
        }


def _view(message: Message, viewer_id: int) -> MessageView:
    thread_id, sender_id, client_id = message.thread_id, message.sender_id, message.client_id
    file = None
    attachment = getattr(message, "attachment", None)
    if attachment is not None:
        file = FileView(
            url=reverse("messaging:file", args=[thread_id, message.seq]),
            name=unseal(bytes(attachment.name), context=attachment_context(thread_id, sender_id, client_id, "name")),
            kind=NAMES.get(attachment.content_type, ""),
            size=attachment.size,
        )
    return MessageView(
        seq=message.seq,
        client_id=str(client_id),
        mine=sender_id == viewer_id,
        body=unseal(bytes(message.body), context=body_context(thread_id, sender_id, client_id)),
        sent_at=message.sent_at,
        file=file,
    )


def _messages(thread_id: int) -> QuerySet[Message]:
    return (
        Message.objects.filter(thread_id=thread_id)
        .select_related("attachment")
        .defer("attachment__data")  # the file's bytes are read only when it is downloaded
    )


@dataclass(frozen=True)
class Page:
    messages: list[MessageView]  # oldest first
    earlier: int | None  # the `before` of the page before this one, if there is one


def thread_page(*, thread: Thread, viewer: User, before: int | None = None, size: int = PAGE_SIZE) -> Page:
    """The `size` messages before seq `before` (default: the newest), oldest first."""
    query = _messages(thread.pk)
    if before is not None:
        query = query.filter(seq__lt=before)
    newest_first = list(query.order_by("-seq")[: size + 1])
    shown = newest_first[:size][::-1]
    earlier = shown[0].seq if len(newest_first) > size and shown else None
    return Page(messages=[_view(m, viewer.pk) for m in shown], earlier=earlier)


def message_frames(
    *, thread_id: int, viewer_id: int, after_seq: int, limit: int = REPLAY_BATCH
) -> list[dict[str, Any]]:
    """The thread's messages after `after_seq`, oldest first, as frames for one person's socket."""
    key = delivery.ThreadKey(message_model=Message, thread_model=Thread, thread_field="thread", thread_id=thread_id)
    messages = delivery.replay(key=key, after_seq=after_seq, limit=limit)
    prefetch_related_objects(messages, Prefetch("attachment", queryset=Attachment.objects.defer("data")))
    return [_view(m, viewer_id).as_frame() for m in messages]
