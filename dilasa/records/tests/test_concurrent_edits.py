"""Two saves of the same note from the same version at the same instant: one is kept, the other is refused
as stale (never silently overwritten), and the history has no gap or duplicate."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.records import access
from dilasa.records.models import NoteRevision
from dilasa.records.testing import appointment_together
from dilasa.records.tests.conftest import SOAP
from dilasa.testing import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_of_two_simultaneous_saves_wins_and_the_other_is_told(client_ayesha: User, therapist_sana: User) -> None:
    appointment_together(client_ayesha, therapist_sana)
    note = access.write_note(user=therapist_sana, client_id=client_ayesha.pk, template="soap", sections=SOAP)

    def save(plan: str) -> object:
        return access.write_note_revision(
            user=therapist_sana, note_id=note.pk, sections=SOAP | {"plan": plan}, base_revision=1
        )

    results = run_together([lambda: save("from the laptop"), lambda: save("from the phone")])

    kept = [r for r in results if isinstance(r, NoteRevision)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(kept) == 1, results
    assert len(refused) == 1, results
    assert refused[0].code == "stale"
    assert list(NoteRevision.objects.filter(note=note).values_list("number", flat=True)) == [1, 2]
