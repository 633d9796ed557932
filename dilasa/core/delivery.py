"""Store-and-forward delivery for a conversation thread: idempotent insert, per-thread sequence, replay.

The live chat uses it with the thread `live.Room` and the message `live.ChatMessage`; the messaging app
(between-session messages) is meant to reuse it unchanged with its own thread and message models. This
module imports nothing from Dilasa; it lives in `dilasa.core` so both apps share it.

What a message model needs: a foreign key to its thread (named by `ThreadKey.thread_field`), `seq`
(positive integer), `client_id` (UUID chosen by the sender's page) and `sender`, with two unique
constraints: (thread, seq) and (thread, sender, client_id). The database is the source of truth; publish
to the channel layer only after the insert commits (`dilasa.core.realtime.publish_on_commit`), and let a
page that reconnects ask for everything after the last `seq` it has seen (`replay`). A page that did not
hear an acknowledgement sends the same `client_id` again and gets the stored message back.

Ordering: the next `seq` is chosen while the thread row is locked (SELECT ... FOR UPDATE on PostgreSQL;
on SQLite every write transaction begins IMMEDIATE, which already serialises writers), so seqs are
gap-free and in commit order within a thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import models, transaction
from django.db.models import Max

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class ThreadKey(Generic[M]):
    """One thread: the model of its messages, the name of their thread field, and the thread's row."""

    message_model: type[M]
    thread_model: type[models.Model]
    thread_field: str
    thread_id: int

    def messages(self) -> models.QuerySet[M]:
        return self.message_model._default_manager.filter(**{f"{self.thread_field}_id": self.thread_id})


@dataclass(frozen=True)
class Delivery(Generic[M]):
    message: M
    created: bool  # False: this client_id was stored before, and `message` is that stored message


def deliver(*, key: ThreadKey[M], sender_id: int, client_id: uuid.UUID, build: Callable[[int], M]) -> Delivery[M]:
    """Store a message once per (thread, sender, client_id), numbered `seq` = last + 1.

    `build(seq)` returns the unsaved message (it seals the body itself); it is called only for a new id.
    """
    with transaction.atomic():
        # Lock the thread row, so two senders in one thread take turns choosing the next seq.
        list(key.thread_model._default_manager.select_for_update().filter(pk=key.thread_id).values_list("pk"))
        existing = key.messages().filter(sender_id=sender_id, client_id=client_id).first()
        if existing is not None:
            return Delivery(message=existing, created=False)
        last = key.messages().aggregate(last=Max("seq"))["last"] or 0
        message = build(last + 1)
        message.save(force_insert=True)
        return Delivery(message=message, created=True)


def replay(*, key: ThreadKey[M], after_seq: int, limit: int) -> list[M]:
    """The thread's messages after `after_seq`, oldest first, at most `limit` of them."""
    return list(key.messages().filter(seq__gt=after_seq).order_by("seq")[:limit])
