"""Outcome fixtures for tests: a client in a therapist's care with a measure assigned, and answers to it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from dilasa.accounts.models import User
from dilasa.messaging.testing import put_in_care
from dilasa.outcomes import access, services
from dilasa.outcomes.models import Assignment


def assigned(
    client: User,
    therapist: User,
    instrument: str = "phq9",
    *,
    schedule: str = "once",
    every_days: int | None = None,
    ends_on: date | None = None,
) -> Assignment:
    """`therapist` assigns `instrument` to `client` (put in care first, if not already)."""
    from dilasa.scheduling.selectors import in_care

    if not in_care(therapist_id=therapist.pk, client_id=client.pk):
        put_in_care(client, therapist)
    return access.assign(
        user=therapist,
        client_id=client.pk,
        instrument=instrument,
        schedule=schedule,
        every_days=every_days,
        ends_on=ends_on,
    )


def answered(assignment: Assignment, answers: Sequence[int], *, word: str = "") -> services.Submitted:
    """The client answers the window open now, through the audited path."""
    occurrence = services.occurrence_now(assignment)
    if occurrence is None:
        raise ValueError("nothing open to answer")
    return access.submit(
        user=assignment.client,
        assignment_id=assignment.pk,
        occurrence=occurrence,
        submission_id=uuid.uuid4(),
        answers=answers,
        word=word,
    )


def form_data(assignment: Assignment, answers: Sequence[int | None], **extra: str) -> dict[str, str]:
    """What the answer form posts (None: that question left unanswered)."""
    data = {"occurrence": services.occurrence_now(assignment) or "", "submission_id": str(uuid.uuid4())}
    data |= {f"q{n}": str(v) for n, v in enumerate(answers, start=1) if v is not None}
    return data | extra


def half_a_year(client: User, therapist: User) -> Assignment:
    """Six months of answers (PHQ-9 and GAD-7 every two weeks, mood weekly, with words), spread over time,
    and a PHQ-9 due now: the heaviest usual pages. Returns the assignment due now."""
    from datetime import timedelta

    from django.utils import timezone

    from dilasa.outcomes.models import Response

    now = timezone.now()
    for week in range(26):
        batch = [("mood", [week % 11], "steady")]
        if week % 2 == 0:
            batch += [("phq9", [(week // 2 + n) % 4 for n in range(8)] + [0], ""), ("gad7", [week % 4] * 7, "")]
        for instrument, values, word in batch:
            done = answered(assigned(client, therapist, instrument), values, word=word)
            Response.objects.filter(pk=done.response.pk).update(submitted_at=now - timedelta(weeks=26 - week))
    return assigned(client, therapist, "phq9")
