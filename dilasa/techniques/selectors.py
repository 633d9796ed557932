"""Reads for practice homework. Unsealing helpers are used only by access.py (audited) and export.py."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.techniques import services
from dilasa.techniques.models import Assignment, Entry


def assignments_of(client: User) -> QuerySet[Assignment]:
    """The client's homework, soonest due first (no clinical text: technique and date only)."""
    return Assignment.objects.filter(client=client).select_related("therapist").order_by("due_on", "pk")


def note_of(assignment: Assignment) -> str:
    if not assignment.note:
        return ""
    return unseal(bytes(assignment.note), context=services.note_context(assignment.uid, assignment.client_id))


def content_of(entry: Entry) -> dict[str, Any]:
    text = unseal(bytes(entry.content), context=services.content_context(entry.submission_id, entry.client_id))
    found: dict[str, Any] = json.loads(text)
    return found


def comment_of(entry: Entry) -> str:
    if not entry.comment:
        return ""
    return unseal(bytes(entry.comment), context=services.comment_context(entry.submission_id, entry.client_id))
