"""The same form sent several times at once (a double tap on a slow line) stores one answer and raises one
flag; different forms for the same window store one and refuse the rest clearly."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.outcomes import access, services
from dilasa.outcomes.models import Response
from dilasa.outcomes.testing import assigned
from dilasa.safety.models import Flag
from dilasa.testing import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_form_sent_four_times_at_once_is_stored_once(client_ayesha: User, therapist_sana: User) -> None:
    item = assigned(client_ayesha, therapist_sana, "phq9")
    occurrence = services.occurrence_now(item) or ""
    submission = uuid.uuid4()

    def send() -> object:
        return access.submit(
            user=client_ayesha,
            assignment_id=item.pk,
            occurrence=occurrence,
            submission_id=submission,
            answers=[1] * 9,
        )

    results = run_together([send] * 4)
    assert all(isinstance(r, services.Submitted) for r in results), results
    assert sum(r.created for r in results if isinstance(r, services.Submitted)) == 1
    assert Response.objects.count() == 1
    assert Flag.objects.count() == 1


def test_different_forms_for_one_window_store_one_and_refuse_the_rest(
    client_ayesha: User, therapist_sana: User
) -> None:
    item = assigned(client_ayesha, therapist_sana, "gad7")
    occurrence = services.occurrence_now(item) or ""

    def send(value: int) -> object:
        return lambda: access.submit(
            user=client_ayesha,
            assignment_id=item.pk,
            occurrence=occurrence,
            submission_id=uuid.uuid4(),
            answers=[value] * 7,
        )

    results = run_together([send(v) for v in range(4)])
    stored = [r for r in results if isinstance(r, services.Submitted)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(stored), len(refused)) == (1, 3), results
    assert all("already answered" in r.messages[0] for r in refused)
    assert Response.objects.count() == 1
