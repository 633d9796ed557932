"""A client's data-rights download holds every folder about them, unsealed: each note's latest text, its
revisions and addenda, the plan's history, homework, and the attachments' names. Erasure (when the clinic's
rule allows) removes all of it."""

from __future__ import annotations

import json

import pytest

from dilasa.accounts.models import User
from dilasa.records import access
from dilasa.records.erasure import erase_for_client
from dilasa.records.export import export_for_client
from dilasa.records.models import Addendum, Attachment, Homework, Note, NoteRevision, PlanRevision, TreatmentPlan
from dilasa.records.tests.conftest import SOAP
from dilasa.records.tests.test_attachments import PDF
from dilasa.scheduling.models import Appointment

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> None:
    me, ayesha = therapist_sana, client_ayesha.pk
    note = access.write_note(user=me, client_id=ayesha, template="soap", sections=SOAP, appointment_id=in_care.pk)
    access.write_note_revision(user=me, note_id=note.pk, sections=SOAP | {"plan": "second plan"}, base_revision=1)
    access.write_note_signature(user=me, note_id=note.pk)
    access.write_addendum(user=me, note_id=note.pk, body="an addendum")
    access.write_plan(user=me, client_id=ayesha, goals="sleep", interventions="CBT-I", review_on=None, base_revision=0)
    item = access.write_homework(user=me, client_id=ayesha, title="Diary", instructions="each night", due_on=None)
    access.write_homework_record(
        user=me,
        homework_id=item.pk,
        title="Diary",
        instructions="each night",
        due_on=None,
        status="partly",
        observations="four nights of seven",
    )
    access.write_attachment(user=me, client_id=ayesha, name="referral.pdf", data=PDF)


def test_the_export_holds_every_text_unsealed_and_is_json(kept: None, client_ayesha: User) -> None:
    exported = export_for_client(client_ayesha)
    json.dumps(exported)

    [note] = exported["notes"]
    assert note["therapist"] == "Dr Sana"
    assert note["template"] == "soap"
    assert note["latest"] == SOAP | {"plan": "second plan"}
    assert [r["sections"]["plan"] for r in note["revisions"]] == [SOAP["plan"], "second plan"]
    assert [a["text"] for a in note["addenda"]] == ["an addendum"]
    assert note["signed_at"] is not None
    [plan] = exported["treatment_plans"]
    assert plan["revisions"][0]["goals"] == "sleep"
    [homework] = exported["homework"]
    assert (homework["title"], homework["status"], homework["observations"]) == (
        "Diary",
        "partly",
        "four nights of seven",
    )
    assert exported["attachments"][0] | {"added_at": None} == {
        "therapist": "Dr Sana",
        "name": "referral.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
        "added_at": None,
    }


def test_the_export_of_another_client_holds_nothing_of_ayesha_s(kept: None, client_kamran: User) -> None:
    assert export_for_client(client_kamran) == {"notes": [], "treatment_plans": [], "homework": [], "attachments": []}


def test_erasure_removes_every_record_about_the_client(kept: None, client_ayesha: User) -> None:
    erase_for_client(client_ayesha)
    for model in (Note, NoteRevision, Addendum, TreatmentPlan, PlanRevision, Homework, Attachment):
        assert not model.objects.exists(), model
