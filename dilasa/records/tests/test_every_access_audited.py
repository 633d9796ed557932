"""Every read and write of a folder leaves exactly one audit event, in the same transaction, naming the
object (never its content) and why; a refused or failed access leaves none."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from dilasa.accounts.models import User
from dilasa.audit.models import Action, Purpose
from dilasa.records import access
from dilasa.records.testing import AuditWatch
from dilasa.records.tests.conftest import SOAP
from dilasa.records.tests.test_attachments import PDF
from dilasa.scheduling.models import Appointment

pytestmark = pytest.mark.django_db

READ, WRITE, CARE = Action.READ, Action.WRITE, Purpose.CARE


def test_each_read_and_write_is_audited_once(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> None:
    me, ayesha = therapist_sana, client_ayesha.pk

    def once(call: object) -> list[tuple[str, str, str]]:
        watch = AuditWatch()
        assert callable(call)
        call()
        events = watch.events()
        assert all(e.actor_id == me.pk and e.subject_id == ayesha for e in events)
        return watch.summary()

    note = access.write_note(user=me, client_id=ayesha, template="soap", sections=SOAP)
    n = f"records.note:{note.pk}"
    assert once(lambda: access.open_note(user=me, note_id=note.pk)) == [(READ, n, CARE)]
    assert once(lambda: access.open_note_history(user=me, note_id=note.pk)) == [(READ, n, CARE)]
    assert once(lambda: access.write_note_revision(user=me, note_id=note.pk, sections=SOAP, base_revision=1)) == [
        (WRITE, n, CARE)
    ]
    assert once(lambda: access.write_note_signature(user=me, note_id=note.pk)) == [(WRITE, n, CARE)]
    assert once(lambda: access.write_note_signature(user=me, note_id=note.pk)) == []  # already signed: no write
    assert once(lambda: access.write_addendum(user=me, note_id=note.pk, body="later")) == [(WRITE, n, CARE)]
    assert once(lambda: access.write_note(user=me, client_id=ayesha, template="free", sections={"text": "x"}))[0][
        :1
    ] == (WRITE,)

    assert once(lambda: access.open_plan(user=me, client_id=ayesha)) == []  # no plan yet: nothing read
    plan = access.write_plan(user=me, client_id=ayesha, goals="g", interventions="i", review_on=None, base_revision=0)
    p = f"records.plan:{plan.pk}"
    assert once(lambda: access.open_plan(user=me, client_id=ayesha)) == [(READ, p, CARE)]
    assert once(lambda: access.open_plan_history(user=me, plan_id=plan.pk)) == [(READ, p, CARE)]

    item = access.write_homework(user=me, client_id=ayesha, title="t", instructions="i", due_on=None)
    h = f"records.homework:{item.pk}"
    assert once(lambda: access.open_homework(user=me, homework_id=item.pk)) == [(READ, h, CARE)]
    assert once(
        lambda: access.write_homework_record(
            user=me, homework_id=item.pk, title="t", instructions="i", due_on=None, status="done", observations="o"
        )
    ) == [(WRITE, h, CARE)]

    attached = access.write_attachment(user=me, client_id=ayesha, name="a.pdf", data=PDF)
    assert once(lambda: access.open_attachment(user=me, attachment_id=attached.pk)) == [
        (READ, f"records.attachment:{attached.pk}", CARE)
    ]
    assert once(lambda: access.open_record(user=me, client_id=ayesha)) == [(READ, f"records.client:{ayesha}", CARE)]


def test_a_write_that_fails_validation_stores_nothing_and_audits_nothing(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    watch = AuditWatch()
    with pytest.raises(ValidationError):
        access.write_note(
            user=therapist_sana, client_id=client_ayesha.pk, template="soap", sections={"subjective": "x"}
        )
    with pytest.raises(ValidationError):
        access.write_attachment(user=therapist_sana, client_id=client_ayesha.pk, name="x.pdf", data=b"not a pdf")
    assert watch.events() == []


def test_a_refused_access_audits_nothing(
    in_care: Appointment, client_ayesha: User, therapist_bilal: User, admin_farah: User
) -> None:
    watch = AuditWatch()
    for person in (therapist_bilal, admin_farah, client_ayesha):
        with pytest.raises(Http404):
            access.open_record(user=person, client_id=client_ayesha.pk)
    assert watch.events() == []
