"""Clinical text is sealed at rest: canaries written through the real paths are absent from the raw rows,
and a sealed value moved to another record or field does not open."""

from __future__ import annotations

import pytest
from django.db import connection

from dilasa.accounts.models import User
from dilasa.core.crypto import SealError, unseal
from dilasa.records import access, services
from dilasa.records.models import Note, NoteRevision
from dilasa.records.tests.conftest import SOAP
from dilasa.records.tests.test_attachments import PDF
from dilasa.scheduling.models import Appointment

pytestmark = pytest.mark.django_db

TABLES = (
    "records_note",
    "records_noterevision",
    "records_addendum",
    "records_treatmentplan",
    "records_planrevision",
    "records_homework",
    "records_attachment",
)


def raw_rows() -> bytes:
    """Every column of every records table, as the database holds it."""
    dump = b""
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            for row in cursor.fetchall():
                for value in row:
                    dump += bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
    return dump


def test_no_canary_is_in_any_raw_row(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> None:
    canaries = [*SOAP.values(), "canary-dap-data", "canary-addendum", "canary-goal", "canary-intervention"]
    canaries += ["canary-hw-title", "canary-hw-steps", "canary-hw-seen", "canary-file-name", "canary-free میں اکیلا"]
    ayesha = client_ayesha.pk
    made = access.write_note(user=therapist_sana, client_id=ayesha, template="soap", sections=SOAP)
    access.write_note(
        user=therapist_sana,
        client_id=ayesha,
        template="dap",
        sections={"data": "canary-dap-data", "assessment": "x", "plan": "y"},
    )
    access.write_note(
        user=therapist_sana, client_id=ayesha, template="free", sections={"text": "canary-free میں اکیلا"}
    )
    access.write_note_signature(user=therapist_sana, note_id=made.pk)
    access.write_addendum(user=therapist_sana, note_id=made.pk, body="canary-addendum")
    access.write_plan(
        user=therapist_sana,
        client_id=ayesha,
        goals="canary-goal",
        interventions="canary-intervention",
        review_on=None,
        base_revision=0,
    )
    item = access.write_homework(
        user=therapist_sana, client_id=ayesha, title="canary-hw-title", instructions="canary-hw-steps", due_on=None
    )
    access.write_homework_record(
        user=therapist_sana,
        homework_id=item.pk,
        title="canary-hw-title",
        instructions="canary-hw-steps",
        due_on=None,
        status="done",
        observations="canary-hw-seen",
    )
    access.write_attachment(user=therapist_sana, client_id=ayesha, name="canary-file-name.pdf", data=PDF)

    dump = raw_rows()
    assert b"%PDF" not in dump
    for canary in canaries:
        assert canary.encode() not in dump, canary
        assert canary.split(" ")[0].encode() not in dump, canary


def test_each_section_is_bound_to_its_note_revision_and_field(note: Note) -> None:
    revision = NoteRevision.objects.get(note=note)
    blob = bytes(revision.subjective)
    assert unseal(blob, context=services.note_context(note.pk, 1, "subjective")) == SOAP["subjective"]
    for wrong in (
        services.note_context(note.pk, 1, "objective"),
        services.note_context(note.pk, 2, "subjective"),
        services.note_context(note.pk + 1, 1, "subjective"),
    ):
        with pytest.raises(SealError):
            unseal(blob, context=wrong)
