"""Records fixtures: Ayesha in Sana's care, Zara (a verified Sukoon therapist) as Sana's supervisor."""

from __future__ import annotations

import pytest

from dilasa.accounts.models import Organisation, Role, User
from dilasa.records import access
from dilasa.records.models import Note, Supervision
from dilasa.records.testing import appointment_together
from dilasa.scheduling.models import Appointment
from dilasa.testing import make_user

SOAP = {
    "subjective": "canary-subjective sleeps badly since the wedding",
    "objective": "canary-objective tearful, speech slow",
    "assessment": "canary-assessment low mood, no risk stated",
    "plan": "canary-plan sleep diary; review in two weeks",
}


@pytest.fixture
def in_care(client_ayesha: User, therapist_sana: User) -> Appointment:
    """Ayesha has a booked appointment with Sana: she is in Sana's care."""
    return appointment_together(client_ayesha, therapist_sana)


@pytest.fixture
def therapist_zara(clinic_sukoon: Organisation) -> User:
    """A verified Sukoon therapist, English reader, who may be named Sana's supervisor."""
    return make_user(
        "zara@example.com", display_name="Dr Zara", role=Role.THERAPIST, organisation=clinic_sukoon, language="en"
    )


@pytest.fixture
def supervision(admin_farah: User, therapist_zara: User, therapist_sana: User) -> Supervision:
    return Supervision.objects.create(
        organisation=admin_farah.organisation,
        supervisor=therapist_zara,
        supervisee=therapist_sana,
        assigned_by=admin_farah,
    )


@pytest.fixture
def note(in_care: Appointment, client_ayesha: User, therapist_sana: User) -> Note:
    return access.write_note(user=therapist_sana, client_id=client_ayesha.pk, template="soap", sections=SOAP)


@pytest.fixture
def english(client_ayesha: User) -> User:
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    return client_ayesha
