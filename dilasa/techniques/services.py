"""Writes for practice homework: assigning, storing an entry once, reviewing.

No access checks here: dilasa.techniques.access checks who may do what, audits, and calls these inside its
transaction. Values are checked against the technique's fields (library.py) before anything is sealed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.core.crypto import seal
from dilasa.techniques.library import LIBRARY, LINE_MAX, TEXT_MAX, Field
from dilasa.techniques.models import Assignment, Entry

NOTE_MAX = 1000
COMMENT_MAX = 1000
Value = str | int | bool | None


def note_context(uid: uuid.UUID | str, client_id: int) -> str:
    return f"techniques.assignment.note:{uid}:{client_id}"


def content_context(submission_id: uuid.UUID | str, client_id: int) -> str:
    return f"techniques.entry.content:{submission_id}:{client_id}"


def comment_context(submission_id: uuid.UUID | str, client_id: int) -> str:
    return f"techniques.entry.comment:{submission_id}:{client_id}"


def client_today(client: User, now: datetime | None = None) -> date:
    try:
        zone = ZoneInfo(client.time_zone or "Asia/Karachi")
    except (ValueError, KeyError):
        zone = ZoneInfo("Asia/Karachi")
    return (now or timezone.now()).astimezone(zone).date()


def assignment_create(
    *, therapist: User, client: User, technique: str, due_on: date, note: str = "", now: datetime | None = None
) -> Assignment:
    if technique not in LIBRARY:
        raise ValidationError(_("Choose an exercise."))
    if due_on < client_today(client, now):
        raise ValidationError(_("The day it is due cannot be in the past."))
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(_("Keep the note under %(max)s letters.") % {"max": NOTE_MAX})
    assignment = Assignment(client=client, therapist=therapist, technique=technique, due_on=due_on)
    if note:
        assignment.note = seal(note, context=note_context(assignment.uid, client.pk))
    assignment.save()
    return assignment


def clean_values(technique: str, values: Mapping[str, Value]) -> dict[str, Value]:
    """Only the technique's own fields, each of its kind and within its limits (ValidationError otherwise)."""
    cleaned: dict[str, Value] = {}
    for field in LIBRARY[technique].fields:
        cleaned[field.name] = _clean(field, values.get(field.name))
    return cleaned


def _clean(field: Field, value: Value) -> Value:
    if value is None or value == "":
        if field.required:
            raise ValidationError(_("Please fill in every part marked as needed."))
        return None
    if field.kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int) or not field.low <= value <= field.high:
            raise ValidationError(
                _("Choose a number from %(low)s to %(high)s.") % {"low": field.low, "high": field.high}
            )
    elif field.kind == "yesno":
        if not isinstance(value, bool):
            raise ValidationError(_("Choose yes or no."))
    elif not isinstance(value, str) or len(value) > (LINE_MAX if field.kind in ("line", "time") else TEXT_MAX):
        raise ValidationError(_("That answer is too long."))
    return value


@dataclass(frozen=True)
class Submitted:
    entry: Entry
    created: bool  # False: this submission id was already stored (a double submit); nothing new written


def _existing(submission_id: uuid.UUID, assignment: Assignment) -> Entry | None:
    found = Entry.objects.filter(submission_id=submission_id).first()
    if found is not None and found.assignment_id != assignment.pk:
        raise ValidationError(_("This form was already sent. Open the exercise again."))
    return found


def entry_submit(
    *, assignment: Assignment, submission_id: uuid.UUID, values: Mapping[str, Value], now: datetime | None = None
) -> Submitted:
    """Store one entry, once per submission id. Call inside a transaction holding a lock on the assignment."""
    cleaned = clean_values(assignment.technique, values)
    earlier = _existing(submission_id, assignment)
    if earlier is not None:
        return Submitted(earlier, created=False)
    client_id = assignment.client_id
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                assignment=assignment,
                client_id=client_id,
                submission_id=submission_id,
                content=seal(json.dumps(cleaned), context=content_context(submission_id, client_id)),
                submitted_at=now or timezone.now(),
            )
    except IntegrityError:
        earlier = _existing(submission_id, assignment)
        if earlier is None:
            raise
        return Submitted(earlier, created=False)
    return Submitted(entry, created=True)


def entry_review(*, entry: Entry, comment: str = "", now: datetime | None = None) -> Entry:
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(_("Keep the comment under %(max)s letters.") % {"max": COMMENT_MAX})
    entry.reviewed_at = now or timezone.now()
    entry.comment = seal(comment, context=comment_context(entry.submission_id, entry.client_id)) if comment else None
    entry.save(update_fields=["reviewed_at", "comment"])
    return entry
