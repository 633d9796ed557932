from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels.layers import channel_layers

from dilasa.accounts.models import User
from dilasa.live.access import access_room
from dilasa.live.testing import appointment_soon
from dilasa.scheduling.models import Appointment


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> Iterator[None]:
    """Each test gets an empty in-memory channel layer, made on its own event loop."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def appointment(client_ayesha: User, therapist_sana: User) -> Appointment:
    """Ayesha's video appointment with Sana, starting in five minutes."""
    return appointment_soon(client_ayesha, therapist_sana)


@pytest.fixture
def room_id(appointment: Appointment, client_ayesha: User) -> int:
    return access_room(user=client_ayesha, appointment_id=appointment.pk).pk
