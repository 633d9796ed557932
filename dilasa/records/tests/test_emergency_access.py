"""Break-glass: a clinic admin who wrote a reason (dilasa.audit) reads, for the grant's hour, the folders
her own clinic's therapists keep about that client; read only, each read audited as an emergency."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.audit.models import Action, EmergencyGrant, Purpose
from dilasa.audit.services import emergency_access_open
from dilasa.records.models import Note, NoteRevision
from dilasa.records.testing import AuditWatch
from dilasa.records.tests.conftest import SOAP
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db

REASON = "Her sister called: she wrote goodbye messages tonight."


def test_without_a_grant_the_admin_reads_nothing(note: Note, admin_farah: User, client_ayesha: User) -> None:
    browser = signed_in_client(admin_farah)
    assert browser.get(reverse("records:emergency", args=[client_ayesha.pk])).status_code == 404
    assert browser.get(reverse("records:note", args=[note.pk])).status_code == 404


def test_with_a_grant_the_admin_reads_read_only_and_each_read_is_an_emergency_read(
    note: Note, admin_farah: User, client_ayesha: User, therapist_sana: User
) -> None:
    emergency_access_open(admin=admin_farah, client_id=client_ayesha.pk, reason=REASON)
    browser = signed_in_client(admin_farah)
    watch = AuditWatch()

    listing = browser.get(reverse("records:emergency", args=[client_ayesha.pk]))
    assert reverse("records:review", args=[client_ayesha.pk, therapist_sana.pk]) in listing.content.decode()
    assert browser.get(reverse("records:review", args=[client_ayesha.pk, therapist_sana.pk])).status_code == 200
    shown = browser.get(reverse("records:note", args=[note.pk]))
    assert SOAP["plan"] in shown.content.decode()

    assert watch.summary() == [
        (Action.READ, f"records.client:{client_ayesha.pk}", Purpose.EMERGENCY),
        (Action.READ, f"records.note:{note.pk}", Purpose.EMERGENCY),
    ]
    assert browser.post(reverse("records:note_sign", args=[note.pk])).status_code == 404
    assert browser.get(reverse("records:note_edit", args=[note.pk])).status_code == 404
    assert NoteRevision.objects.count() == 1


def test_the_grant_ends_after_its_hour(note: Note, admin_farah: User, client_ayesha: User) -> None:
    grant = emergency_access_open(admin=admin_farah, client_id=client_ayesha.pk, reason=REASON)
    EmergencyGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert signed_in_client(admin_farah).get(reverse("records:note", args=[note.pk])).status_code == 404


def test_another_clinic_s_admin_cannot_break_into_sukoon_s_folders(
    note: Note, admin_omar: User, client_ayesha: User
) -> None:
    with pytest.raises(ValidationError):  # the audit app refuses: not a client of her clinic
        emergency_access_open(admin=admin_omar, client_id=client_ayesha.pk, reason=REASON)
    assert signed_in_client(admin_omar).get(reverse("records:note", args=[note.pk])).status_code == 404
