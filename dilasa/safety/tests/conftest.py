from __future__ import annotations

import pytest

from dilasa.accounts.models import Organisation, Role, User
from dilasa.messaging.testing import put_in_care
from dilasa.testing import make_user


@pytest.fixture
def ayesha(client_ayesha: User, therapist_sana: User) -> User:
    """Ayesha, reading English, in Sana's care at Sukoon."""
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    put_in_care(client_ayesha, therapist_sana)
    return client_ayesha


@pytest.fixture
def admin_zara(clinic_sukoon: Organisation) -> User:
    """A second admin at Sukoon."""
    return make_user("zara@example.com", display_name="Zara", role=Role.CLINIC_ADMIN, organisation=clinic_sukoon)


@pytest.fixture
def therapist_nadia(clinic_other: Organisation) -> User:
    """A therapist of the other clinic, with a client of her own."""
    return make_user("nadia@example.com", display_name="Nadia", role=Role.THERAPIST, organisation=clinic_other)
