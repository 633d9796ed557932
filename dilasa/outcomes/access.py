"""The one way into outcome measures: who may assign, answer and read whose, and the audit of every access.

Each public function checks access, does the read or write, and appends an audit event in one transaction;
Http404 answers missing and forbidden alike. Views call nothing else that touches the answers.

Who may do what (docs/decisions.md):
- The client (OWN) answers their own assignments and reads all their own answers.
- A therapist (CARE: active, clinic-verified, the client in their care now) assigns and stops measures, and
  reads the answers to the measures THEY assigned. Another therapist of the same client does not.
- Nobody else: not a clinic admin, not a therapist of another clinic. (Supervision and emergency reads of
  outcomes are not built yet.)

Not audited, because they hold no answers: what is due (a list of assignments) and the blank form.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import Http404

from dilasa.accounts.access import practising
from dilasa.accounts.models import Role, User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record
from dilasa.outcomes import selectors, services, texts
from dilasa.outcomes.models import Assignment, Response
from dilasa.scheduling.access import access_client_in_care
from dilasa.scheduling.selectors import in_care


def client_target(client_id: int) -> str:
    return f"outcomes.client:{client_id}"


def assignment_target(assignment_id: int) -> str:
    return f"outcomes.assignment:{assignment_id}"


def response_target(response_id: int) -> str:
    return f"outcomes.response:{response_id}"


def access_care(*, user: User, client_id: int) -> User:
    """The client, if `user` is a practising therapist who has them in care now; else Http404."""
    return access_client_in_care(user=user, client_id=client_id)


def _own_assignment(user: User, assignment_id: int, *, lock: bool = False) -> Assignment:
    if not user.is_authenticated or not user.is_active or user.role != Role.CLIENT:
        raise Http404
    rows = Assignment.objects.select_for_update() if lock else Assignment.objects.all()
    found = rows.select_related("client", "therapist").filter(pk=assignment_id, client_id=user.pk).first()
    if found is None:
        raise Http404
    return found


# --- the therapist ------------------------------------------------------------------------------------------


def assign(
    *,
    user: User,
    client_id: int,
    instrument: str,
    schedule: str,
    every_days: int | None = None,
    ends_on: date | None = None,
) -> Assignment:
    with transaction.atomic():
        client = access_care(user=user, client_id=client_id)
        assignment = services.assignment_create(
            therapist=user,
            client=client,
            instrument=instrument,
            schedule=schedule,
            every_days=every_days,
            ends_on=ends_on,
        )
        record(
            actor=user,
            subject_id=client.pk,
            action=Action.WRITE,
            target=assignment_target(assignment.pk),
            purpose=Purpose.CARE,
        )
    return assignment


def stop(*, user: User, assignment_id: int) -> Assignment:
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().filter(pk=assignment_id, therapist_id=user.pk).first()
        if assignment is None:
            raise Http404
        access_care(user=user, client_id=assignment.client_id)
        if assignment.stopped_at is not None:
            return assignment  # stopping twice changes nothing, and writes nothing
        services.assignment_stop(assignment=assignment)
        record(
            actor=user,
            subject_id=assignment.client_id,
            action=Action.WRITE,
            target=assignment_target(assignment.pk),
            purpose=Purpose.CARE,
        )
    return assignment


@dataclass(frozen=True)
class ClientOutcomes:
    client: User
    assignments: list[Assignment]
    points: dict[str, list[selectors.Point]]


def open_client(*, user: User, client_id: int) -> ClientOutcomes:
    """The therapist's page about one client: what they assigned, and the answers to it (audited read)."""
    with transaction.atomic():
        client = access_care(user=user, client_id=client_id)
        assignments = list(selectors.assignments_by(therapist=user, client=client))
        found = selectors.points(Response.objects.filter(client=client, assignment__therapist=user))
        if found:
            record(
                actor=user,
                subject_id=client.pk,
                action=Action.READ,
                target=client_target(client.pk),
                purpose=Purpose.CARE,
            )
    return ClientOutcomes(client=client, assignments=assignments, points=found)


@dataclass(frozen=True)
class Attention:
    client: User
    point: selectors.Point


def needing_attention(*, user: User) -> list[Attention]:
    """The therapist's overview: answers in the last 30 days to their own measures, in a band that needs
    attention (moderately severe or severe) or with PHQ-9 item 9 above 0; each client shown is an audited
    read. A client no longer in care drops out."""
    if not practising(user):
        return []
    found: list[Attention] = []
    with transaction.atomic():
        recent = Response.objects.filter(assignment__therapist=user, submitted_at__gte=services.recent_cutoff())
        readers: set[int] = set()
        for response in recent.select_related("client").order_by("-submitted_at", "-pk"):
            if not in_care(therapist_id=user.pk, client_id=response.client_id):
                continue
            point = selectors.Point(response, selectors.answers_of(response), "")
            readers.add(response.client_id)
            if point.score.needs_attention:
                found.append(Attention(response.client, point))
        for client_id in sorted(readers):
            record(
                actor=user,
                subject_id=client_id,
                action=Action.READ,
                target=client_target(client_id),
                purpose=Purpose.CARE,
            )
    return found


# --- the client --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    assignment: Assignment
    occurrence: str | None  # None: nothing open now
    answered: bool
    text: texts.Text


def form_for(*, user: User, assignment_id: int) -> Form:
    """The blank questionnaire for the client's own assignment, in their language (no answers: no audit)."""
    assignment = _own_assignment(user, assignment_id)
    occurrence = services.occurrence_now(assignment)
    answered = occurrence is not None and Response.objects.filter(assignment=assignment, occurrence=occurrence).exists()
    text = texts.text_for(assignment.instrument, user.language)
    return Form(assignment, occurrence, answered, text)


def submit(
    *,
    user: User,
    assignment_id: int,
    occurrence: str,
    submission_id: uuid.UUID,
    answers: Sequence[int],
    word: str = "",
) -> services.Submitted:
    """Store the client's answers (ValidationError with a clear message when they cannot be stored)."""
    with transaction.atomic():
        assignment = _own_assignment(user, assignment_id, lock=True)
        text = texts.text_for(assignment.instrument, user.language)
        submitted = services.response_submit(
            assignment=assignment,
            occurrence=occurrence,
            submission_id=submission_id,
            answers=answers,
            word=word,
            text=text,
        )
        if submitted.created:
            record(
                actor=user,
                subject_id=user.pk,
                action=Action.WRITE,
                target=response_target(submitted.response.pk),
                purpose=Purpose.OWN,
            )
    return submitted


def open_progress(*, user: User) -> dict[str, list[selectors.Point]]:
    """All the client's own answers, for their progress page (audited read, purpose OWN)."""
    if not user.is_authenticated or user.role != Role.CLIENT:
        raise Http404
    with transaction.atomic():
        found = selectors.points(Response.objects.filter(client=user))
        if found:
            record(
                actor=user, subject_id=user.pk, action=Action.READ, target=client_target(user.pk), purpose=Purpose.OWN
            )
    return found
