from __future__ import annotations

import pytest
from django.core import mail

from dilasa.accounts.models import LoginKind, Organisation, Role, User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.testing import make_clinic, make_user


@pytest.fixture(autouse=True)
def _clean_outboxes() -> None:
    mail.outbox = []
    LocmemSmsBackend.outbox.clear()


@pytest.fixture
def clinic_sukoon(db: None) -> Organisation:
    return make_clinic("sukoon", "Sukoon Centre")


@pytest.fixture
def clinic_other(db: None) -> Organisation:
    return make_clinic("roshni", "Roshni Clinic")


@pytest.fixture
def client_ayesha(db: None) -> User:
    return make_user("ayesha@example.com", display_name="Ayesha", language="ur")


@pytest.fixture
def client_kamran(db: None) -> User:
    return make_user("+923001234567", display_name="K.", kind=LoginKind.PHONE)


@pytest.fixture
def therapist_sana(clinic_sukoon: Organisation) -> User:
    return make_user("sana@example.com", display_name="Dr Sana", role=Role.THERAPIST, organisation=clinic_sukoon)


@pytest.fixture
def therapist_bilal(clinic_sukoon: Organisation) -> User:
    return make_user(
        "bilal@example.com",
        display_name="Bilal",
        role=Role.THERAPIST,
        organisation=clinic_sukoon,
        verified_therapist=False,
    )


@pytest.fixture
def admin_farah(clinic_sukoon: Organisation) -> User:
    return make_user("farah@example.com", display_name="Farah", role=Role.CLINIC_ADMIN, organisation=clinic_sukoon)


@pytest.fixture
def admin_omar(clinic_other: Organisation) -> User:
    """Runs another clinic: must never reach Sukoon's people."""
    return make_user("omar@example.com", display_name="Omar", role=Role.CLINIC_ADMIN, organisation=clinic_other)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """`with on_commit(): ...` runs the after-commit work (messages, events) of what it wraps."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
