"""Writes about consent: accepting the current version of a document, and withdrawing.

Both append to the history (ConsentEvent) and never change a row, so the client's record of what they
agreed to, when, and in which words is complete. Both take effect at once: `has_consent` reads the
latest event.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentEvent, ConsentKind, EventKind
from dilasa.consent.selectors import current_document, latest_event, text_for


def consent_grant(
    *, client: User, kind: str, document_id: int, language: str, now: datetime | None = None
) -> ConsentEvent:
    """Record that `client` accepted `document_id` (which they saw in `language`).

    The document must still be the current version: if a new one was published while the client read
    the old one, they are asked to read the new one. Pressing "I agree" twice records it once.
    """
    if not client.is_client or kind not in ConsentKind.values:
        raise ValidationError(_("This agreement is for clients."), code="not_client")
    moment = now or timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=client.pk).first()  # one consent change per client at a time
        document = current_document(kind, now=moment)
        if document is None or document.pk != document_id:
            raise ValidationError(
                _("A newer version of this agreement has been published. Please read it before you agree."),
                code="stale",
            )
        text = text_for(document, language)
        if text is None:
            raise ValidationError(_("This agreement cannot be shown right now."), code="missing")
        latest = latest_event(client.pk, kind)
        if latest is not None and latest.event == EventKind.GRANTED and latest.document_id == document.pk:
            return latest
        return ConsentEvent.objects.create(
            client=client,
            kind=kind,
            event=EventKind.GRANTED,
            document=document,
            language=text.language,
            content_hash=text.content_hash,
            at=moment,
        )


def consent_withdraw(*, client: User, kind: str, now: datetime | None = None) -> ConsentEvent | None:
    """Withdraw `kind` at once. Returns the new event, or None if there was nothing to withdraw."""
    if kind not in ConsentKind.values:
        raise ValidationError(_("Unknown agreement."), code="unknown")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=client.pk).first()
        latest = latest_event(client.pk, kind)
        if latest is None or latest.event != EventKind.GRANTED:
            return None
        return ConsentEvent.objects.create(
            client=client,
            kind=kind,
            event=EventKind.WITHDRAWN,
            document=latest.document,
            language=latest.language,
            content_hash=latest.content_hash,
            at=now or timezone.now(),
        )
