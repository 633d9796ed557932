"""Secure messages between a client and one of their therapists, between sessions.

One `Thread` per (client, therapist) pair, made on first use. Each `Message` is numbered by `seq` within
its thread and stored once per (thread, sender, client_id) (dilasa.core.delivery). Bodies and attachments
are sealed (dilasa.core.crypto) with a context naming the thread, the sender, the client_id and the field;
nothing here holds plaintext. `Presence` says which pages have the thread open right now (for real-time
delivery and to decide whether a discreet notice by email or SMS is needed).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


# Sealing contexts: computable from the row, naming the thread, the sender, the sender's client_id and the
# field, so a sealed value opens only in its own place (two people may pick the same client_id).
def body_context(thread_id: int, sender_id: int, client_id: object) -> str:
    return f"messaging.body:{thread_id}:{sender_id}:{client_id}"


def attachment_context(thread_id: int, sender_id: int, client_id: object, field: str) -> str:
    return f"messaging.attachment.{field}:{thread_id}:{sender_id}:{client_id}"


class Thread(models.Model):
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_seq = models.PositiveIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True)
    # The last seq each side has seen; messages from the other side after it are unread.
    client_read_seq = models.PositiveIntegerField(default=0)
    therapist_read_seq = models.PositiveIntegerField(default=0)
    # When each side was last sent a "you have a new message" notice (at most one per thread per window).
    client_notified_at = models.DateTimeField(null=True, blank=True)
    therapist_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "therapist"], name="messaging_one_thread_per_pair")]

    def __str__(self) -> str:
        return f"thread {self.pk}"

    def other_id(self, user_id: int) -> int:
        return self.therapist_id if user_id == self.client_id else self.client_id


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    client_id = models.UUIDField()
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.BinaryField()  # sealed with body_context; "" (sealed) when a file is sent alone
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("thread", "seq")
        constraints = [
            models.UniqueConstraint(fields=["thread", "seq"], name="messaging_seq_once_per_thread"),
            models.UniqueConstraint(fields=["thread", "sender", "client_id"], name="messaging_client_id_once"),
        ]

    def __str__(self) -> str:
        return f"message {self.thread_id}#{self.seq}"


class Attachment(models.Model):
    """A small image or PDF sent with a message, sealed in the database and served only through access checks."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="attachment")
    content_type = models.CharField(max_length=40)  # recognised from the bytes (core.uploads), never the name
    size = models.PositiveIntegerField()
    name = models.BinaryField()  # sealed with attachment_context(..., "name"): its name on the sender's device
    data = models.BinaryField()  # sealed with attachment_context(..., "data")

    def __str__(self) -> str:
        return f"attachment of {self.message_id}"


class Presence(models.Model):
    """One open WebSocket on a thread; stale rows (a crashed server) stop counting after a while."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["thread", "user"])]

    def __str__(self) -> str:
        return f"presence {self.user_id} in {self.thread_id}"
