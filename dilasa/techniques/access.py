"""The one way into practice homework: who may assign, fill in, read and review whose, and the audit of every
access. Each function checks access, does the read or write and records it in one transaction; Http404
answers missing and forbidden alike.

- The client (OWN) fills in their own homework and reads their own entries and the notes and comments on them.
- A therapist (CARE: active, clinic-verified, the client in their care now) assigns, and reads and reviews
  the entries to the homework THEY assigned.
- Nobody else: not a clinic admin, not another therapist of the same client.

Not audited, because it holds no free text: the list of the client's homework (technique and due date).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404

from dilasa.accounts.models import Role, User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record
from dilasa.scheduling.access import access_client_in_care
from dilasa.techniques import selectors, services
from dilasa.techniques.models import Assignment, Entry


def client_target(client_id: int) -> str:
    return f"techniques.client:{client_id}"


def assignment_target(assignment_id: int) -> str:
    return f"techniques.assignment:{assignment_id}"


def entry_target(entry_id: int) -> str:
    return f"techniques.entry:{entry_id}"


def access_care(*, user: User, client_id: int) -> User:
    """The client, if `user` is a practising therapist who has them in care now; else Http404."""
    return access_client_in_care(user=user, client_id=client_id)


def _own_assignment(user: User, assignment_id: int, *, lock: bool = False) -> Assignment:
    if not user.is_authenticated or not user.is_active or user.role != Role.CLIENT:
        raise Http404
    rows = Assignment.objects.select_for_update() if lock else Assignment.objects.all()
    found = rows.select_related("therapist").filter(pk=assignment_id, client_id=user.pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class Shown:
    entry: Entry
    values: dict[str, Any]
    comment: str


@dataclass(frozen=True)
class Task:
    assignment: Assignment
    note: str
    entries: list[Shown]


def _task(assignment: Assignment) -> Task:
    entries = [
        Shown(e, selectors.content_of(e), selectors.comment_of(e))
        for e in assignment.entries.order_by("-submitted_at", "-pk")
    ]
    return Task(assignment, selectors.note_of(assignment), entries)


# --- the therapist ------------------------------------------------------------------------------------------


def assign(*, user: User, client_id: int, technique: str, due_on: date, note: str = "") -> Assignment:
    with transaction.atomic():
        client = access_care(user=user, client_id=client_id)
        assignment = services.assignment_create(
            therapist=user, client=client, technique=technique, due_on=due_on, note=note
        )
        record(
            actor=user,
            subject_id=client.pk,
            action=Action.WRITE,
            target=assignment_target(assignment.pk),
            purpose=Purpose.CARE,
        )
    return assignment


def open_client(*, user: User, client_id: int) -> tuple[User, list[Task]]:
    """The homework this therapist gave this client, with notes, entries and comments (one audited read)."""
    with transaction.atomic():
        client = access_care(user=user, client_id=client_id)
        rows = Assignment.objects.filter(client=client, therapist=user).order_by("-due_on", "-pk")
        tasks = [_task(a) for a in rows]
        if tasks:
            record(
                actor=user,
                subject_id=client.pk,
                action=Action.READ,
                target=client_target(client.pk),
                purpose=Purpose.CARE,
            )
    return client, tasks


def review_target(*, user: User, entry_id: int) -> Entry:
    """The entry, if `user` assigned its homework and has its client in care now (reads nothing sealed)."""
    entry = Entry.objects.filter(pk=entry_id, assignment__therapist_id=user.pk).first()
    if entry is None:
        raise Http404
    access_care(user=user, client_id=entry.client_id)
    return entry


def review(*, user: User, entry_id: int, comment: str = "") -> Entry:
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update()
            .select_related("assignment")
            .filter(pk=entry_id, assignment__therapist_id=user.pk)
            .first()
        )
        if entry is None:
            raise Http404
        access_care(user=user, client_id=entry.client_id)
        services.entry_review(entry=entry, comment=comment)
        record(
            actor=user,
            subject_id=entry.client_id,
            action=Action.WRITE,
            target=entry_target(entry.pk),
            purpose=Purpose.CARE,
        )
    return entry


# --- the client --------------------------------------------------------------------------------------------


def open_task(*, user: User, assignment_id: int) -> Task:
    """The client's own homework with the note and their entries (audited read when there is text to read)."""
    with transaction.atomic():
        assignment = _own_assignment(user, assignment_id)
        task = _task(assignment)
        if task.note or task.entries:
            record(
                actor=user,
                subject_id=user.pk,
                action=Action.READ,
                target=assignment_target(assignment.pk),
                purpose=Purpose.OWN,
            )
    return task


def submit(
    *, user: User, assignment_id: int, submission_id: uuid.UUID, values: Mapping[str, services.Value]
) -> services.Submitted:
    """Store the client's entry (ValidationError with a clear message when it cannot be stored)."""
    with transaction.atomic():
        assignment = _own_assignment(user, assignment_id, lock=True)
        submitted = services.entry_submit(assignment=assignment, submission_id=submission_id, values=values)
        if submitted.created:
            record(
                actor=user,
                subject_id=user.pk,
                action=Action.WRITE,
                target=entry_target(submitted.entry.pk),
                purpose=Purpose.OWN,
            )
    return submitted
