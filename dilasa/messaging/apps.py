from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig


def _attachment_context(field: str) -> Callable[[Any], str]:
    from dilasa.messaging.models import attachment_context

    def context(row: Any) -> str:
        message = row.message
        return attachment_context(message.thread_id, message.sender_id, message.client_id, field)

    return context


class MessagingConfig(AppConfig):
    name = "dilasa.messaging"
    label = "messaging"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from dilasa.audit.targets import register_kind
        from dilasa.core.crypto import register_sealed
        from dilasa.messaging import models

        register_kind("messaging.thread", _("your messages with your therapist"))
        register_kind("messaging.attachment", _("a file sent in your messages"))

        register_sealed(models.Message, "body", lambda m: models.body_context(m.thread_id, m.sender_id, m.client_id))
        register_sealed(models.Attachment, "name", _attachment_context("name"))
        register_sealed(models.Attachment, "data", _attachment_context("data"))
