from __future__ import annotations

import pytest

from dilasa.accounts.models import User


@pytest.fixture
def ayesha_in_english(client_ayesha: User) -> User:
    """Ayesha reads Urdu; tests that read English words ask for it."""
    client_ayesha.language = "en"
    client_ayesha.save()
    return client_ayesha
