"""Practice fixtures for tests: a client in a therapist's care with an exercise given, and entries to it."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.messaging.testing import put_in_care
from dilasa.techniques import access, services
from dilasa.techniques.models import Assignment

THOUGHTS: dict[str, services.Value] = {
    "situation": "At work",
    "thought": "I will fail",
    "feeling": "scared",
    "strength": 80,
    "for": "",
    "against": "I passed last time",
    "balanced": "I have done this before",
    "strength_after": 40,
}


def given(client: User, therapist: User, technique: str = "thoughts", *, note: str = "", days: int = 7) -> Assignment:
    """`therapist` gives `client` the exercise, due in `days` days (put in care first, if not already)."""
    from dilasa.scheduling.selectors import in_care

    if not in_care(therapist_id=therapist.pk, client_id=client.pk):
        put_in_care(client, therapist)
    due = timezone.localdate() + timedelta(days=days)
    return access.assign(user=therapist, client_id=client.pk, technique=technique, due_on=due, note=note)


def filled(assignment: Assignment, values: dict[str, services.Value] | None = None) -> services.Submitted:
    return access.submit(
        user=assignment.client,
        assignment_id=assignment.pk,
        submission_id=uuid.uuid4(),
        values=values if values is not None else THOUGHTS,
    )


def form_data(values: dict[str, services.Value], submission_id: uuid.UUID | None = None) -> dict[str, str]:
    data = {"submission_id": str(submission_id or uuid.uuid4())}
    for name, value in values.items():
        if isinstance(value, bool):
            data[name] = "yes" if value else "no"
        elif value is not None:
            data[name] = str(value)
    return data
