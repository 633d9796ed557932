"""Supervision: a clinic admin names a supervisor for a therapist; the supervisor reads (never writes) the
supervisee's folders of clients who consented to supervision. A withdrawal refuses the very next read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from dilasa.accounts.models import Organisation, Role, User
from dilasa.audit.models import Purpose
from dilasa.consent.models import ConsentKind
from dilasa.consent.services import consent_withdraw
from dilasa.consent.testing import grant_current
from dilasa.records import access, services
from dilasa.records.models import Note, NoteRevision, Supervision
from dilasa.records.tests.conftest import SOAP
from dilasa.records.tests.test_attachments import PDF
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def consented(client_ayesha: User) -> User:
    grant_current(client_ayesha, ConsentKind.SUPERVISION)
    return client_ayesha


def test_with_consent_the_supervisor_reads_every_part_of_the_folder(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User, therapist_sana: User
) -> None:
    plan = access.write_plan(
        user=therapist_sana, client_id=consented.pk, goals="g", interventions="i", review_on=None, base_revision=0
    )
    attached = access.write_attachment(user=therapist_sana, client_id=consented.pk, name="a.pdf", data=PDF)
    browser = signed_in_client(therapist_zara)

    folder = browser.get(reverse("records:review", args=[consented.pk, therapist_sana.pk]))
    assert folder.status_code == 200
    assert "Read only, as supervisor of Dr Sana" in folder.content.decode()
    assert reverse("records:note_new", args=[consented.pk]) not in folder.content.decode()
    for url in (
        reverse("records:note", args=[note.pk]),
        reverse("records:note_history", args=[note.pk]),
        reverse("records:plan_history", args=[plan.pk]),
        reverse("records:attachment", args=[attached.pk]),
    ):
        assert browser.get(url).status_code == 200, url
    assert SOAP["assessment"] in browser.get(reverse("records:note", args=[note.pk])).content.decode()


def test_the_supervisor_s_reads_are_audited_as_supervision(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User
) -> None:
    grant, _ = access.open_note(user=therapist_zara, note_id=note.pk)
    assert grant.purpose == Purpose.SUPERVISION
    assert grant.read_only


def test_without_consent_the_supervisor_gets_not_found(
    note: Note, supervision: Supervision, client_ayesha: User, therapist_zara: User, therapist_sana: User
) -> None:
    browser = signed_in_client(therapist_zara)
    assert browser.get(reverse("records:review", args=[client_ayesha.pk, therapist_sana.pk])).status_code == 404
    assert browser.get(reverse("records:note", args=[note.pk])).status_code == 404


def test_a_withdrawal_refuses_the_very_next_read(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User
) -> None:
    browser = signed_in_client(therapist_zara)
    assert browser.get(reverse("records:note", args=[note.pk])).status_code == 200

    consent_withdraw(client=consented, kind=ConsentKind.SUPERVISION)

    assert browser.get(reverse("records:note", args=[note.pk])).status_code == 404
    with pytest.raises(Http404):
        access.open_note(user=therapist_zara, note_id=note.pk)


def test_the_supervisor_never_writes(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User, therapist_sana: User
) -> None:
    browser = signed_in_client(therapist_zara)
    tries = [
        (reverse("records:note_edit", args=[note.pk]), SOAP | {"template": "soap", "base_revision": "1"}),
        (reverse("records:note_sign", args=[note.pk]), {}),
        (reverse("records:plan_edit", args=[consented.pk]), {"goals": "x", "interventions": "y", "base_revision": "0"}),
        (reverse("records:note_new", args=[consented.pk]), {"template": "free", "text": "x"}),
    ]
    for url, data in tries:
        assert browser.post(url, data).status_code == 404, url
    assert browser.get(reverse("records:note_edit", args=[note.pk])).status_code == 404
    assert NoteRevision.objects.count() == 1
    assert Note.objects.get().signed_at is None


def test_a_supervision_that_ended_gives_no_more_access(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User, admin_farah: User
) -> None:
    services.supervision_end(admin=admin_farah, supervision=supervision)
    assert signed_in_client(therapist_zara).get(reverse("records:note", args=[note.pk])).status_code == 404


def test_a_supervisor_of_another_therapist_does_not_read_sana_s_folder(
    note: Note, consented: User, therapist_zara: User, therapist_bilal: User, admin_farah: User
) -> None:
    services.supervision_assign(admin=admin_farah, supervisor=therapist_zara, supervisee=therapist_bilal)
    assert signed_in_client(therapist_zara).get(reverse("records:note", args=[note.pk])).status_code == 404


def test_the_supervisor_lists_the_consenting_clients_of_the_supervisee(
    note: Note, supervision: Supervision, consented: User, therapist_zara: User, therapist_sana: User
) -> None:
    page = signed_in_client(therapist_zara).get(reverse("records:clients")).content.decode()
    assert reverse("records:review", args=[consented.pk, therapist_sana.pk]) in page
    consent_withdraw(client=consented, kind=ConsentKind.SUPERVISION)
    page = signed_in_client(therapist_zara).get(reverse("records:clients")).content.decode()
    assert reverse("records:review", args=[consented.pk, therapist_sana.pk]) not in page


# --- the admin's page -------------------------------------------------------------------------------------------


def test_a_clinic_admin_names_and_ends_a_supervisor(
    admin_farah: User, therapist_sana: User, therapist_zara: User
) -> None:
    browser = signed_in_client(admin_farah)
    assert browser.get(reverse("records:supervision")).status_code == 200

    saved = browser.post(
        reverse("records:supervision"), {"supervisee": therapist_sana.pk, "supervisor": therapist_zara.pk}
    )
    assert saved.status_code == 302
    made = Supervision.objects.get()
    assert (made.supervisor, made.supervisee, made.assigned_by) == (therapist_zara, therapist_sana, admin_farah)

    browser.post(reverse("records:supervision_end", args=[made.pk]))
    made.refresh_from_db()
    assert made.ended_at is not None
    assert made.ended_by == admin_farah


def test_only_a_verified_therapist_of_the_clinic_supervises_and_nobody_supervises_themselves(
    admin_farah: User, therapist_sana: User, therapist_bilal: User, clinic_other: Organisation
) -> None:
    elsewhere = make_user("noor@example.com", display_name="Noor", role=Role.THERAPIST, organisation=clinic_other)
    for supervisor, supervisee in (
        (therapist_bilal, therapist_sana),
        (elsewhere, therapist_sana),
        (therapist_sana, therapist_sana),
    ):
        with pytest.raises(ValidationError):
            services.supervision_assign(admin=admin_farah, supervisor=supervisor, supervisee=supervisee)
    assert not Supervision.objects.exists()


def test_the_page_refuses_an_unverified_supervisor_with_a_clear_error(
    admin_farah: User, therapist_sana: User, therapist_bilal: User
) -> None:
    admin_farah.language = "en"
    admin_farah.save(update_fields=["language"])
    answer = signed_in_client(admin_farah).post(
        reverse("records:supervision"), {"supervisee": therapist_sana.pk, "supervisor": therapist_bilal.pk}
    )
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    assert not Supervision.objects.exists()


def test_another_clinic_s_admin_neither_sees_nor_ends_sukoon_s_supervisions(
    supervision: Supervision, admin_omar: User
) -> None:
    browser = signed_in_client(admin_omar)
    assert "Dr Zara" not in browser.get(reverse("records:supervision")).content.decode()
    assert browser.post(reverse("records:supervision_end", args=[supervision.pk])).status_code == 404
    supervision.refresh_from_db()
    assert supervision.ended_at is None


def test_therapists_and_clients_do_not_reach_the_admin_page(therapist_sana: User, client_ayesha: User) -> None:
    for person in (therapist_sana, client_ayesha):
        assert signed_in_client(person).get(reverse("records:supervision")).status_code == 403
