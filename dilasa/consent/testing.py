"""Consent fixtures for tests: a client who has accepted (or not) the current documents."""

from __future__ import annotations

from datetime import datetime

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentEvent, ConsentKind
from dilasa.consent.publishing import load_documents
from dilasa.consent.selectors import current_document
from dilasa.consent.services import consent_grant


def grant_current(
    client: User, kind: str = ConsentKind.TELECOUNSELLING, *, now: datetime | None = None
) -> ConsentEvent:
    """`client` accepts the current version of `kind` in English (the shipped texts are loaded if a flush
    removed them)."""
    document = current_document(kind, now=now)
    if document is None:
        load_documents()
        document = current_document(kind, now=now)
    if document is None:
        raise LookupError(f"no {kind} document is shipped")
    return consent_grant(client=client, kind=kind, document_id=document.pk, language="en", now=now)
