"""Writes for messaging. Each runs in one transaction; events and notices leave only after it commits.

Sending goes through `dilasa.core.delivery`: the page (or the form, server-side) picks a `client_id`, a
resend of the same id returns the stored message, and the thread's next `seq` is chosen with the thread
row locked. The event published to the thread's group carries only the seq: each open socket reads the
message itself from the database, so no message text passes through the channel layer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest, Least
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.core import delivery
from dilasa.core.crypto import seal, seal_bytes
from dilasa.core.languages import supported
from dilasa.core.notify import notify, site_link
from dilasa.core.realtime import publish_on_commit
from dilasa.core.uploads import IMAGES_AND_PDF, sniff_upload
from dilasa.messaging.access import audit_write, counterpart_pair, may_read, may_send
from dilasa.messaging.models import Attachment, Message, Presence, Thread, attachment_context, body_context

BODY_MAX = 4000
ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
ATTACHMENT_NAME_MAX = 120
NOTICE_EVERY = timedelta(minutes=30)  # at most one "new message" notice per thread and person in this time
PRESENCE_FRESH = timedelta(seconds=120)  # a page pings every 45 s; older rows are a page that went away


def thread_group(thread_id: int) -> str:
    return f"messaging.thread.{thread_id}"


def thread_key(thread_id: int) -> delivery.ThreadKey[Message]:
    return delivery.ThreadKey(message_model=Message, thread_model=Thread, thread_field="thread", thread_id=thread_id)


def not_allowed() -> ValidationError:
    return ValidationError(_("You cannot send messages here now."), code="not_allowed")


@dataclass(frozen=True)
class Upload:
    """A file as it came from the form; checked by its bytes before anything is stored."""

    name: str
    data: bytes


def thread_start(*, user: User, other_id: int) -> Thread:
    """The thread between `user` and `other_id` (made now if need be), if one is in the other's care; else 404."""
    client_id, therapist_id = counterpart_pair(user=user, other_id=other_id)
    try:
        thread, _created = Thread.objects.get_or_create(client_id=client_id, therapist_id=therapist_id)
    except IntegrityError:  # made at the same moment by the other person
        thread = Thread.objects.get(client_id=client_id, therapist_id=therapist_id)
    return thread


def clean_body(body: str) -> str:
    body = body.strip()
    if len(body) > BODY_MAX:
        raise ValidationError(_("Write at most %(count)d characters.") % {"count": BODY_MAX}, code="too_long")
    return body


def message_send(
    *, user: User, thread_id: int, client_id: uuid.UUID, body: str, upload: Upload | None = None
) -> delivery.Delivery[Message]:
    """Store the message once per `client_id` (a resend returns the stored one), tell the thread after commit,
    and send the other person a discreet notice if they have no page open on the thread.

    Raises Http404 if `user` is not in the thread, ValidationError for what they may fix (or not_allowed).
    """
    body = clean_body(body)
    content_type = None
    if upload is not None:
        content_type = sniff_upload(upload.data, allowed=IMAGES_AND_PDF, max_bytes=ATTACHMENT_MAX_BYTES)
    if not body and upload is None:
        raise ValidationError(_("Write a message or choose a file."), code="empty")
    with transaction.atomic():
        thread = Thread.objects.filter(pk=thread_id).select_related("client", "therapist").first()
        if thread is None or user.pk not in (thread.client_id, thread.therapist_id):
            raise Http404
        if not may_send(thread, user):
            # The client keeps her thread after care ends; a therapist out of care reads nothing either.
            if not may_read(thread, user):
                raise Http404
            raise not_allowed()

        def build(seq: int) -> Message:
            sealed = seal(body, context=body_context(thread_id, user.pk, client_id))
            return Message(thread=thread, seq=seq, client_id=client_id, sender=user, body=sealed)

        delivered = delivery.deliver(key=thread_key(thread_id), sender_id=user.pk, client_id=client_id, build=build)
        if not delivered.created:
            return delivered
        message = delivered.message
        if upload is not None and content_type is not None:
            Attachment.objects.create(
                message=message,
                content_type=content_type,
                size=len(upload.data),
                name=seal(
                    upload.name[-ATTACHMENT_NAME_MAX:],
                    context=attachment_context(thread_id, user.pk, client_id, "name"),
                ),
                data=seal_bytes(upload.data, context=attachment_context(thread_id, user.pk, client_id, "data")),
            )
        Thread.objects.filter(pk=thread_id).update(last_seq=message.seq, last_message_at=message.sent_at)
        audit_write(user=user, thread=thread)
        publish_on_commit(thread_group(thread_id), {"type": "messaging.message", "seq": message.seq})
        _maybe_notify(thread=thread, recipient_id=thread.other_id(user.pk), now=message.sent_at)
    return delivered


def _maybe_notify(*, thread: Thread, recipient_id: int, now: datetime) -> None:
    """A neutral notice to the recipient if no page of theirs has the thread open, once per window."""
    if is_online(thread_id=thread.pk, user_id=recipient_id, now=now):
        return
    field = "client_notified_at" if recipient_id == thread.client_id else "therapist_notified_at"
    last = getattr(thread, field)
    if last is not None and now - last < NOTICE_EVERY:
        return
    Thread.objects.filter(pk=thread.pk).update(**{field: now})
    recipient = thread.client if recipient_id == thread.client_id else thread.therapist
    transaction.on_commit(lambda: send_new_message_notice(recipient))


def send_new_message_notice(recipient: User) -> None:
    """Says only that there is a message: no sender, no text, no clinical word. The link needs a sign-in."""
    with translation.override(supported(recipient.language) or settings.LANGUAGE_CODE):
        context = {"link": site_link(reverse("messaging:inbox"))}
        subject = render_to_string("messaging/notices/new_message_subject.txt", context).strip()
        body = render_to_string("messaging/notices/new_message_body.txt", context).strip()
    notify(channel=str(recipient.login_kind), to=recipient.login, subject=subject, body=body)


def thread_mark_read(*, user: User, thread: Thread, seq: int | None = None) -> None:
    """`user` has seen the thread up to `seq` (default: everything in it). Never moves backwards."""
    field = "client_read_seq" if user.pk == thread.client_id else "therapist_read_seq"
    if user.pk not in (thread.client_id, thread.therapist_id):
        raise Http404
    upto = F("last_seq") if seq is None else Least(F("last_seq"), seq)
    Thread.objects.filter(pk=thread.pk).update(**{field: Greatest(F(field), upto)})


# --- presence: which pages have a thread open ------------------------------------------------


def presence_join(*, thread_id: int, user: User, channel: str) -> None:
    Presence.objects.update_or_create(
        channel=channel, defaults={"thread_id": thread_id, "user": user, "seen_at": timezone.now()}
    )


def presence_touch(*, channel: str) -> None:
    Presence.objects.filter(channel=channel).update(seen_at=timezone.now())


def presence_leave(*, channel: str) -> None:
    Presence.objects.filter(channel=channel).delete()


def is_online(*, thread_id: int, user_id: int, now: datetime | None = None) -> bool:
    since = (now or timezone.now()) - PRESENCE_FRESH
    return Presence.objects.filter(thread_id=thread_id, user_id=user_id, seen_at__gte=since).exists()
