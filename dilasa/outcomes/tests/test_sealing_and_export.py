"""Answers are sealed for their own response and client; the export gives them back in full."""

from __future__ import annotations

import pytest

from dilasa.accounts.models import User
from dilasa.core.crypto import SealError, unseal
from dilasa.outcomes import services
from dilasa.outcomes.export import export_for_client
from dilasa.outcomes.models import Response
from dilasa.outcomes.testing import answered, assigned

pytestmark = pytest.mark.django_db


def test_answers_and_word_are_sealed_for_this_response_and_client(client_ayesha: User, therapist_sana: User) -> None:
    answered(assigned(client_ayesha, therapist_sana, "mood"), [3], word="tired")
    row = Response.objects.get()
    assert b"tired" not in bytes(row.word or b"")
    assert b"[3]" not in bytes(row.answers)
    assert unseal(bytes(row.answers), context=services.answers_context(row.submission_id, row.client_id)) == "[3]"
    with pytest.raises(SealError):
        unseal(bytes(row.answers), context=services.answers_context(row.submission_id, row.client_id + 1))
    with pytest.raises(SealError):
        unseal(bytes(row.word or b""), context=services.answers_context(row.submission_id, row.client_id))


def test_the_export_holds_every_assignment_and_answer_unsealed(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    answered(assigned(client_ayesha, therapist_sana, "phq9"), [1, 2, 3, 0, 1, 2, 3, 0, 1])
    answered(assigned(client_ayesha, therapist_sana, "mood"), [8], word="better")
    answered(assigned(client_kamran, therapist_sana, "gad7"), [3] * 7)
    data = export_for_client(client_ayesha)
    assert [a["instrument"] for a in data["assignments"]] == ["phq9", "mood"]
    phq9, mood = data["answers"]
    assert (phq9["answers"], phq9["total"], phq9["band"]) == ([1, 2, 3, 0, 1, 2, 3, 0, 1], 13, "moderate")
    assert (phq9["text_language"], phq9["text_validated"]) == ("ur", False)
    assert (mood["answers"], mood["word"]) == ([8], "better")
    assert all(a["therapist"] == "Dr Sana" for a in data["assignments"])


def test_erasure_removes_answers_and_assignments(client_ayesha: User, therapist_sana: User) -> None:
    from dilasa.outcomes.erasure import erase_for_client
    from dilasa.outcomes.models import Assignment

    answered(assigned(client_ayesha, therapist_sana, "gad7"), [2] * 7)
    erase_for_client(client_ayesha)
    assert not Response.objects.exists()
    assert not Assignment.objects.exists()
