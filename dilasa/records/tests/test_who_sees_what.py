"""Who may open Sana's folder about Ayesha: Sana, while Ayesha is in her care. Nobody else, by any page or
action, and the answer to everyone else is the same "not found" as for a record that does not exist.

Decided (docs/decisions.md): another therapist who also sees Ayesha (even at the same clinic) does not read
Sana's notes; an unverified therapist reads nothing; a clinic admin reads nothing in normal operation; Ayesha
herself does not read her therapist's working notes here (she gets them through a data-rights export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from dilasa.accounts.models import Organisation, Role, User
from dilasa.audit.models import AccessEvent
from dilasa.records import access
from dilasa.records.models import Addendum, Attachment, Homework, Note, NoteRevision, PlanRevision
from dilasa.records.testing import appointment_together
from dilasa.records.tests.conftest import SOAP
from dilasa.records.tests.test_attachments import PDF
from dilasa.scheduling.models import Appointment, Status
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Folder:
    client: int
    therapist: int
    note: int
    signed_note: int
    plan: int
    homework: int
    attachment: int


@pytest.fixture
def folder(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> Folder:
    """Sana's folder about Ayesha with one of everything."""
    me, ayesha = therapist_sana, client_ayesha.pk
    note = access.write_note(user=me, client_id=ayesha, template="soap", sections=SOAP)
    signed = access.write_note(user=me, client_id=ayesha, template="free", sections={"text": "t"})
    access.write_note_signature(user=me, note_id=signed.pk)
    plan = access.write_plan(user=me, client_id=ayesha, goals="g", interventions="i", review_on=None, base_revision=0)
    item = access.write_homework(user=me, client_id=ayesha, title="t", instructions="i", due_on=None)
    attached = access.write_attachment(user=me, client_id=ayesha, name="a.pdf", data=PDF)
    return Folder(ayesha, me.pk, note.pk, signed.pk, plan.pk, item.pk, attached.pk)


def object_reads(f: Folder) -> list[str]:
    """Pages of Sana's own things, and of her folder as someone else's."""
    return [
        reverse("records:review", args=[f.client, f.therapist]),
        reverse("records:note", args=[f.note]),
        reverse("records:note_edit", args=[f.note]),
        reverse("records:note_history", args=[f.note]),
        reverse("records:plan_history", args=[f.plan]),
        reverse("records:homework_edit", args=[f.homework]),
        reverse("records:attachment", args=[f.attachment]),
    ]


def client_pages(f: Folder) -> list[str]:
    """Pages about Ayesha: a therapist in her care sees their own folder there, nobody else anything."""
    return [
        reverse("records:folder", args=[f.client]),
        reverse("records:note_new", args=[f.client]),
        reverse("records:plan_edit", args=[f.client]),
        reverse("records:homework_new", args=[f.client]),
        reverse("records:attachment_new", args=[f.client]),
        reverse("records:emergency", args=[f.client]),
    ]


def object_writes(f: Folder) -> list[tuple[str, dict[str, str]]]:
    return [
        (reverse("records:note_edit", args=[f.note]), SOAP | {"template": "soap", "base_revision": "1"}),
        (reverse("records:note_sign", args=[f.note]), {}),
        (reverse("records:note_addendum", args=[f.signed_note]), {"body": "intruder"}),
        (
            reverse("records:homework_edit", args=[f.homework]),
            {"title": "x", "instructions": "y", "status": "done", "observations": ""},
        ),
    ]


def client_writes(f: Folder) -> list[tuple[str, dict[str, str]]]:
    return [
        (reverse("records:note_new", args=[f.client]), {"template": "free", "text": "intruder"}),
        (reverse("records:plan_edit", args=[f.client]), {"goals": "x", "interventions": "y", "base_revision": "1"}),
        (reverse("records:homework_new", args=[f.client]), {"title": "x", "instructions": "y"}),
    ]


def stored() -> tuple[int, ...]:
    return (
        Note.objects.count(),
        NoteRevision.objects.count(),
        Addendum.objects.count(),
        PlanRevision.objects.count(),
        Homework.objects.filter(status="assigned").count(),
        Attachment.objects.count(),
        Note.objects.filter(signed_at__isnull=False).count(),
    )


def outsiders(request: pytest.FixtureRequest) -> tuple[dict[str, User], dict[str, User]]:
    """Everyone who must not reach Sana's folder: (those with no folder of their own about Ayesha, the
    therapists who also see her and so keep their own)."""
    ayesha: User = request.getfixturevalue("client_ayesha")
    sukoon: Organisation = request.getfixturevalue("clinic_sukoon")
    other: Organisation = request.getfixturevalue("clinic_other")
    bilal: User = request.getfixturevalue("therapist_bilal")
    appointment_together(ayesha, bilal, days_ago=2)  # in her care, but not verified by the clinic
    colleague = make_user("huma@example.com", display_name="Huma", role=Role.THERAPIST, organisation=sukoon)
    appointment_together(ayesha, colleague, days_ago=3)  # also sees Ayesha, same clinic
    elsewhere = make_user("noor@example.com", display_name="Noor", role=Role.THERAPIST, organisation=other)
    appointment_together(ayesha, elsewhere, days_ago=4)  # also sees Ayesha, another clinic
    strangers = {
        "therapist_bilal (unverified, in care)": bilal,
        "a verified colleague, not in care": make_user(
            "iqbal@example.com", display_name="Iqbal", role=Role.THERAPIST, organisation=sukoon
        ),
        "admin_farah (Sukoon)": request.getfixturevalue("admin_farah"),
        "admin_omar (another clinic)": request.getfixturevalue("admin_omar"),
        "client_ayesha herself": ayesha,
        "client_kamran": request.getfixturevalue("client_kamran"),
    }
    also_in_care = {
        "a colleague who also sees her": colleague,
        "a therapist of another clinic who also sees her": elsewhere,
    }
    return strangers, also_in_care


def test_everyone_else_gets_not_found_on_every_page_and_action_and_nothing_changes(
    folder: Folder, request: pytest.FixtureRequest
) -> None:
    strangers, also_in_care = outsiders(request)
    before, events_before = stored(), AccessEvent.objects.count()
    for label, person in (strangers | also_in_care).items():
        browser = signed_in_client(person)
        pages = object_reads(folder) + (client_pages(folder) if label in strangers else [])
        for url in pages:
            answer = browser.get(url)
            assert answer.status_code in (403, 404), (label, url, answer.status_code)
            assert b"canary" not in answer.content
        actions = object_writes(folder) + (client_writes(folder) if label in strangers else [])
        for url, data in actions:
            answer = browser.post(url, data)
            assert answer.status_code in (403, 404), (label, url, answer.status_code)
    assert stored() == before
    assert AccessEvent.objects.count() == events_before


def test_a_therapist_who_also_sees_ayesha_finds_only_their_own_folder_about_her(
    folder: Folder, request: pytest.FixtureRequest
) -> None:
    _, also_in_care = outsiders(request)
    for label, person in also_in_care.items():
        page = signed_in_client(person).get(reverse("records:folder", args=[folder.client]))
        assert page.status_code == 200, label
        for url in object_reads(folder):
            assert url not in page.content.decode(), (label, url)


def test_the_answer_for_someone_else_s_note_is_the_answer_for_no_note(folder: Folder, admin_farah: User) -> None:
    browser = signed_in_client(admin_farah)
    theirs_url, missing_url = reverse("records:note", args=[folder.note]), reverse("records:note", args=[99999])
    theirs, missing = browser.get(theirs_url), browser.get(missing_url)
    assert theirs.status_code == missing.status_code == 404
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", theirs.content).replace(theirs_url.encode(), b"URL") == token.sub(
        b"", missing.content
    ).replace(missing_url.encode(), b"URL")


def test_sana_reads_and_writes_her_folder(folder: Folder, therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    for url in object_reads(folder)[1:] + client_pages(folder)[:-1]:  # not the supervisor's or admin's pages
        assert browser.get(url).status_code == 200, url
    page = browser.get(reverse("records:folder", args=[folder.client])).content.decode()
    assert reverse("records:note", args=[folder.note]) in page


def test_when_every_appointment_was_cancelled_the_therapist_no_longer_reads(
    folder: Folder, in_care: Appointment, therapist_sana: User
) -> None:
    Appointment.objects.filter(pk=in_care.pk).update(status=Status.CANCELLED)
    answer = signed_in_client(therapist_sana).get(reverse("records:note", args=[folder.note]))
    assert answer.status_code == 404


def test_a_therapist_whose_verification_is_withdrawn_no_longer_reads(folder: Folder, therapist_sana: User) -> None:
    therapist_sana.clinic_verified_at = None
    therapist_sana.save(update_fields=["clinic_verified_at"])
    answer = signed_in_client(therapist_sana).get(reverse("records:folder", args=[folder.client]))
    assert answer.status_code == 404


def test_the_folder_leads_its_therapist_to_the_persons_check_ins_and_practice(
    in_care: object, client_ayesha: User, therapist_sana: User
) -> None:
    page = signed_in_client(therapist_sana).get(reverse("records:folder", args=[client_ayesha.pk]))
    assert reverse("outcomes:client", args=[client_ayesha.pk]) in page.content.decode()
    assert reverse("techniques:client", args=[client_ayesha.pk]) in page.content.decode()
