"""Session notes come in three templates; every save is a new revision, the note shows the latest, and a
signed note no longer changes: later additions are addenda."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.records import access
from dilasa.records.models import AppendOnlyError, Note, NoteRevision, Template
from dilasa.records.tests.conftest import SOAP
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_soap_dap_and_free_text_each_keep_their_own_sections(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    dap = {"data": "d", "assessment": "a", "plan": "p"}
    free = {"text": "a free note"}
    for template, sections in (("soap", SOAP), ("dap", dap), ("free", free)):
        made = access.write_note(user=therapist_sana, client_id=client_ayesha.pk, template=template, sections=sections)
        _, text = access.open_note(user=therapist_sana, note_id=made.pk)
        assert text.latest.as_dict() == sections
        assert text.note.template == Template(template)


def test_a_note_may_belong_to_one_of_the_pair_s_appointments(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    made = access.write_note(
        user=therapist_sana,
        client_id=client_ayesha.pk,
        template="free",
        sections={"text": "x"},
        appointment_id=in_care.pk,
    )
    assert made.appointment_id == in_care.pk


def test_editing_adds_a_revision_and_the_note_shows_the_latest(note: Note, therapist_sana: User) -> None:
    changed = SOAP | {"plan": "canary-plan-2 add a breathing exercise"}
    access.write_note_revision(user=therapist_sana, note_id=note.pk, sections=changed, base_revision=1)

    _, text = access.open_note(user=therapist_sana, note_id=note.pk)
    assert text.latest.number == 2
    assert text.latest.as_dict()["plan"] == "canary-plan-2 add a breathing exercise"

    _, _, history = access.open_note_history(user=therapist_sana, note_id=note.pk)
    assert [(r.number, r.author, r.as_dict()["plan"]) for r in history] == [
        (2, "Dr Sana", "canary-plan-2 add a breathing exercise"),
        (1, "Dr Sana", SOAP["plan"]),
    ]


def test_an_edit_from_a_stale_page_is_refused_so_nobody_overwrites_unseen(note: Note, therapist_sana: User) -> None:
    access.write_note_revision(
        user=therapist_sana, note_id=note.pk, sections=SOAP | {"plan": "second"}, base_revision=1
    )
    with pytest.raises(ValidationError) as refused:
        access.write_note_revision(
            user=therapist_sana, note_id=note.pk, sections=SOAP | {"plan": "third"}, base_revision=1
        )
    assert refused.value.code == "stale"
    assert NoteRevision.objects.filter(note=note).count() == 2


def test_the_stale_edit_page_keeps_what_the_therapist_typed(note: Note, therapist_sana: User) -> None:
    therapist_sana.language = "en"
    therapist_sana.save(update_fields=["language"])
    access.write_note_revision(
        user=therapist_sana, note_id=note.pk, sections=SOAP | {"plan": "second"}, base_revision=1
    )
    browser = signed_in_client(therapist_sana)
    typed = SOAP | {"plan": "my long careful paragraph", "template": "soap", "base_revision": "1"}

    page = browser.post(reverse("records:note_edit", args=[note.pk]), typed)

    assert page.status_code == 400
    assert "my long careful paragraph" in page.content.decode()
    assert "changed since you opened it" in page.content.decode()


def test_revisions_cannot_be_changed_or_deleted_through_the_app(note: Note) -> None:
    revision = NoteRevision.objects.get(note=note)
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        revision.delete()
    with pytest.raises(AppendOnlyError):
        NoteRevision.objects.filter(note=note).delete()
    with pytest.raises(AppendOnlyError):
        NoteRevision.objects.filter(note=note).update(number=9)


def test_a_signed_note_is_locked_and_takes_addenda(note: Note, therapist_sana: User) -> None:
    with pytest.raises(ValidationError):
        access.write_addendum(user=therapist_sana, note_id=note.pk, body="too early")

    access.write_note_signature(user=therapist_sana, note_id=note.pk)
    with pytest.raises(ValidationError) as refused:
        access.write_note_revision(user=therapist_sana, note_id=note.pk, sections=SOAP, base_revision=1)
    assert refused.value.code == "signed"

    access.write_addendum(user=therapist_sana, note_id=note.pk, body="canary-addendum she called to say she slept")
    _, text = access.open_note(user=therapist_sana, note_id=note.pk)
    assert text.latest.number == 1
    assert [a.text for a in text.addenda] == ["canary-addendum she called to say she slept"]


def test_the_pages_write_read_and_show_history(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    chooser = browser.get(reverse("records:note_new", args=[client_ayesha.pk]))
    assert chooser.status_code == 200
    assert chooser["Cache-Control"].startswith("max-age=0") or "no-store" in chooser["Cache-Control"]

    form = browser.get(reverse("records:note_new", args=[client_ayesha.pk]), {"template": "dap"})
    assert 'name="data"' in form.content.decode()
    assert 'name="subjective"' not in form.content.decode()

    saved = browser.post(
        reverse("records:note_new", args=[client_ayesha.pk]),
        {"template": "dap", "data": "first data", "assessment": "a", "plan": "p", "appointment": str(in_care.pk)},
    )
    made = Note.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("records:note", args=[made.pk])

    browser.post(
        reverse("records:note_edit", args=[made.pk]),
        {"template": "dap", "data": "second data", "assessment": "a", "plan": "p", "base_revision": "1"},
    )
    shown = browser.get(reverse("records:note", args=[made.pk])).content.decode()
    assert "second data" in shown
    assert "first data" not in shown
    history = browser.get(reverse("records:note_history", args=[made.pk]))
    assert "first data" in history.content.decode()
    assert "no-store" in history["Cache-Control"]
