"""The right answers sent four times at once (a double tap on a slow line) complete the module once; every
send is answered as complete, and only one says it was the first."""

from __future__ import annotations

import pytest

from dilasa.accounts.models import User
from dilasa.testing import run_together
from dilasa.training import services
from dilasa.training.catalogue import module
from dilasa.training.models import Completion
from dilasa.training.testing import right_answers

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "techniques-on-screen"


def test_four_sends_at_once_complete_the_module_once(therapist_sana: User) -> None:
    found = module(SLUG)
    assert found is not None
    answers = right_answers(SLUG)

    def send() -> object:
        return services.module_answer(user=therapist_sana, module=found, version=found.version, answers=answers)

    results = run_together([send] * 4)
    assert all(isinstance(r, services.Marked) and r.complete for r in results), results
    assert sum(not r.already for r in results if isinstance(r, services.Marked)) == 1
    assert Completion.objects.filter(user=therapist_sana, module=SLUG).count() == 1
