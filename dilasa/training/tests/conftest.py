from __future__ import annotations

import pytest
from django.test import Client

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client


@pytest.fixture
def sana(therapist_sana: User) -> User:
    """Dr Sana, reading the site in English (tests that read English words ask for it)."""
    therapist_sana.language = "en"
    therapist_sana.save()
    return therapist_sana


@pytest.fixture
def sana_browser(sana: User) -> Client:
    return signed_in_client(sana)


@pytest.fixture
def farah(admin_farah: User) -> User:
    admin_farah.language = "en"
    admin_farah.save()
    return admin_farah
