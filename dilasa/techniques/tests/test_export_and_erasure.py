"""The client's download holds their exercises unsealed (note, every entry, the comment); erasing their
clinical records erases the exercises too, and nobody else's. (That the rights app calls both is checked
there: dilasa/rights/tests.)"""

from __future__ import annotations

import pytest

from dilasa.accounts.models import User
from dilasa.techniques import access
from dilasa.techniques.erasure import erase_for_client
from dilasa.techniques.export import export_for_client
from dilasa.techniques.models import Assignment, Entry
from dilasa.techniques.testing import filled, given

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_note_the_entries_and_the_comment(ayesha_in_english: User, therapist_sana: User) -> None:
    item = given(ayesha_in_english, therapist_sana, "diary", note="Three times a day")
    entry = filled(item, {"when": "08:30", "activity": "walk", "mood": 6}).entry
    access.review(user=therapist_sana, entry_id=entry.pk, comment="Good start")

    exported = export_for_client(ayesha_in_english)["exercises"]

    assert len(exported) == 1
    assert exported[0]["title"] == "Mood and activity diary"
    assert exported[0]["note"] == "Three times a day"
    assert exported[0]["entries"][0]["answers"] == {"when": "08:30", "activity": "walk", "mood": 6}
    assert exported[0]["entries"][0]["comment"] == "Good start"


def test_erasing_the_clinical_records_erases_the_exercises_of_that_client_only(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    filled(given(client_ayesha, therapist_sana))
    filled(given(client_kamran, therapist_sana))

    erase_for_client(client_ayesha)

    assert not Assignment.objects.filter(client=client_ayesha).exists()
    assert not Entry.objects.filter(client=client_ayesha).exists()
    assert Entry.objects.filter(client=client_kamran).count() == 1
