"""Reads for outcome pages. What is due holds no answers; anything that unseals answers is called only from
dilasa.outcomes.access, which audits it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal
from dilasa.outcomes import scoring, services
from dilasa.outcomes.models import Assignment, Response


@dataclass(frozen=True)
class DueItem:
    assignment: Assignment
    occurrence: str


def _open_assignments(client: User, now: datetime) -> QuerySet[Assignment]:
    today = services.client_today(client, now)
    return (
        Assignment.objects.filter(client=client, stopped_at__isnull=True, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("client", "therapist")
        .order_by("created_at", "pk")
    )


def due_for(client: User, *, now: datetime | None = None) -> list[DueItem]:
    """What the client may answer now: each open assignment whose current window has no answer yet."""
    now = now or timezone.now()
    found = []
    for assignment in _open_assignments(client, now):
        occurrence = services.occurrence_now(assignment, now=now)
        if occurrence is None:
            continue
        if not Response.objects.filter(assignment=assignment, occurrence=occurrence).exists():
            found.append(DueItem(assignment, occurrence))
    return found


def due_count(user: User) -> int:
    if not user.is_authenticated or not user.is_client:
        return 0
    return len(due_for(user))


def assignments_by(*, therapist: User, client: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(therapist=therapist, client=client).order_by("-created_at", "-pk")


def answers_of(response: Response) -> list[int]:
    values = json.loads(
        unseal(bytes(response.answers), context=services.answers_context(response.submission_id, response.client_id))
    )
    return [int(v) for v in values]


def word_of(response: Response) -> str:
    if response.word is None:
        return ""
    return unseal(bytes(response.word), context=services.word_context(response.submission_id, response.client_id))


@dataclass(frozen=True)
class Point:
    """One answered measure, unsealed for a reader the access layer let in."""

    response: Response
    answers: list[int]
    word: str

    @property
    def at(self) -> datetime:
        return self.response.submitted_at

    @property
    def total(self) -> int:
        return self.response.total

    @property
    def score(self) -> scoring.Score:
        return scoring.score(self.response.instrument, self.answers)


def points(responses: QuerySet[Response]) -> dict[str, list[Point]]:
    """Answers grouped by instrument, oldest first, in the order of scoring.INSTRUMENTS."""
    grouped: dict[str, list[Point]] = {name: [] for name in scoring.INSTRUMENTS}
    for response in responses.order_by("submitted_at", "pk"):
        grouped[response.instrument].append(Point(response, answers_of(response), word_of(response)))
    return {name: found for name, found in grouped.items() if found}
