from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels.layers import channel_layers

from dilasa.accounts.models import User
from dilasa.messaging import services
from dilasa.messaging.models import Thread
from dilasa.messaging.testing import put_in_care


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> Iterator[None]:
    """Each test gets a channel layer made on its own event loop (in memory, or Redis when REDIS_URL is set)."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def ayesha(client_ayesha: User) -> User:
    """Ayesha, reading English (so tests can check the wording), in Sana's care."""
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    return client_ayesha


@pytest.fixture
def sana(therapist_sana: User, ayesha: User) -> User:
    put_in_care(ayesha, therapist_sana)
    return therapist_sana


@pytest.fixture
def thread(ayesha: User, sana: User) -> Thread:
    return services.thread_start(user=ayesha, other_id=sana.pk)
