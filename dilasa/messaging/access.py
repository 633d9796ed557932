"""Checked fetches of message threads: the one path to messages and attachments, and where reads are audited.

A thread opens to its client and its therapist only. The client may always read their own messages
(purpose OWN); the therapist only while the client is in their care (purpose CARE). Anyone else, a clinic
admin included, gets "not found": the same answer as for a thread that does not exist. Sending needs the
care relationship on both sides. Each read is recorded in the audit trail in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404

from dilasa.accounts.models import User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record
from dilasa.core.crypto import unseal_bytes
from dilasa.messaging.models import Attachment, Thread, attachment_context
from dilasa.scheduling.selectors import in_care


def thread_target(thread_id: int) -> str:
    return f"messaging.thread:{thread_id}"


def attachment_target(attachment_id: int) -> str:
    return f"messaging.attachment:{attachment_id}"


def purpose_for(thread: Thread, user: User) -> Purpose:
    return Purpose.OWN if user.pk == thread.client_id else Purpose.CARE


def may_read(thread: Thread, user: User) -> bool:
    if not user.is_active:
        return False
    if user.pk == thread.client_id:
        return True
    return user.pk == thread.therapist_id and in_care(therapist_id=thread.therapist_id, client_id=thread.client_id)


def may_send(thread: Thread, user: User) -> bool:
    """`user` is one of the two, both are active, and the client is in the therapist's care."""
    if user.pk not in (thread.client_id, thread.therapist_id) or not user.is_active:
        return False
    other = thread.therapist if user.pk == thread.client_id else thread.client
    return other.is_active and in_care(therapist_id=thread.therapist_id, client_id=thread.client_id)


def _readable(user: User, thread_id: int) -> Thread:
    thread = Thread.objects.filter(pk=thread_id).select_related("client", "therapist").first()
    if thread is None or not may_read(thread, user):
        raise Http404
    return thread


def access_thread(*, user: User, thread_id: int) -> Thread:
    """The thread if `user` may read it (audited as a READ of the thread); else 404."""
    with transaction.atomic():
        thread = _readable(user, thread_id)
        record(
            actor=user,
            subject_id=thread.client_id,
            action=Action.READ,
            target=thread_target(thread.pk),
            purpose=purpose_for(thread, user),
        )
    return thread


@dataclass(frozen=True)
class AttachmentFile:
    data: bytes
    content_type: str
    seq: int


def access_attachment(*, user: User, thread_id: int, seq: int) -> AttachmentFile:
    """The unsealed bytes of the file sent with message `seq`, if `user` may read the thread (audited); else 404."""
    with transaction.atomic():
        thread = _readable(user, thread_id)
        attachment = (
            Attachment.objects.filter(message__thread=thread, message__seq=seq).select_related("message").first()
        )
        if attachment is None:
            raise Http404
        record(
            actor=user,
            subject_id=thread.client_id,
            action=Action.READ,
            target=attachment_target(attachment.pk),
            purpose=purpose_for(thread, user),
        )
        message = attachment.message
        context = attachment_context(thread.pk, message.sender_id, message.client_id, "data")
    return AttachmentFile(
        data=unseal_bytes(bytes(attachment.data), context=context), content_type=attachment.content_type, seq=seq
    )


def audit_write(*, user: User, thread: Thread) -> None:
    """A message written into the thread (call inside the transaction that stores it)."""
    record(
        actor=user,
        subject_id=thread.client_id,
        action=Action.WRITE,
        target=thread_target(thread.pk),
        purpose=purpose_for(thread, user),
    )


def counterpart_pair(*, user: User, other_id: int) -> tuple[int, int]:
    """(client id, therapist id) for a thread between `user` and `other_id`, if they are in care; else 404."""
    other = User.objects.filter(pk=other_id, is_active=True).first()
    if other is None or not user.is_active:
        raise Http404
    if user.is_client and other.is_therapist:
        pair = (user.pk, other.pk)
    elif user.is_therapist and other.is_client:
        pair = (other.pk, user.pk)
    else:
        raise Http404
    if not in_care(therapist_id=pair[1], client_id=pair[0]):
        raise Http404
    return pair


# --- who is on the other end of a WebSocket ------------------------------------------------
