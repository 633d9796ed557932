"""The same form sent several times at once (a double tap, or the offline queue and a Save racing on a slow
line) stores one entry and records one write."""

from __future__ import annotations

import uuid

import pytest

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent
from dilasa.techniques import access, services
from dilasa.techniques.models import Entry
from dilasa.techniques.testing import THOUGHTS, given
from dilasa.testing import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_form_sent_four_times_at_once_is_stored_once(client_ayesha: User, therapist_sana: User) -> None:
    item = given(client_ayesha, therapist_sana)
    submission = uuid.uuid4()

    def send() -> object:
        return access.submit(user=client_ayesha, assignment_id=item.pk, submission_id=submission, values=THOUGHTS)

    results = run_together([send] * 4)

    assert all(isinstance(r, services.Submitted) for r in results), results
    assert sum(r.created for r in results if isinstance(r, services.Submitted)) == 1
    assert Entry.objects.count() == 1
    assert AccessEvent.objects.filter(target__startswith="techniques.entry:", action="write").count() == 1
