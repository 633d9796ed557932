from __future__ import annotations

import pytest

from dilasa.accounts.models import User


@pytest.fixture
def ayesha_en(client_ayesha: User) -> User:
    """Ayesha, reading English (she normally reads Urdu), for tests that check English wording."""
    client_ayesha.language = "en"
    client_ayesha.save()
    return client_ayesha
