"""A client's messages, unsealed, for their data-rights export (dilasa.rights audits the export itself)."""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.messaging.models import Attachment, Message, Thread, attachment_context, body_context


def export_for_client(client: User) -> dict[str, Any]:
    """Every thread of the client with every message (text unsealed) and what was attached (not the bytes)."""
    threads = []
    for thread in Thread.objects.filter(client=client).select_related("therapist").order_by("pk"):
        messages = []
        rows = (
            Message.objects.filter(thread=thread)
            .select_related("sender", "attachment")
            .defer("attachment__data")
            .order_by("seq")
        )
        for message in rows:
            attachment: Attachment | None = getattr(message, "attachment", None)
            messages.append(
                {
                    "seq": message.seq,
                    "sent_at": message.sent_at.isoformat(),
                    "from": "client" if message.sender_id == client.pk else "therapist",
                    "sender": message.sender.display_name,
                    "body": unseal(
                        bytes(message.body), context=body_context(thread.pk, message.sender_id, message.client_id)
                    ),
                    "attachment": None
                    if attachment is None
                    else {
                        "name": unseal(
                            bytes(attachment.name),
                            context=attachment_context(thread.pk, message.sender_id, message.client_id, "name"),
                        ),
                        "content_type": attachment.content_type,
                        "size": attachment.size,
                    },
                }
            )
        threads.append(
            {
                "therapist": thread.therapist.display_name,
                "started_at": thread.created_at.isoformat(),
                "messages": messages,
            }
        )
    return {"threads": threads}
