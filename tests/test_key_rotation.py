"""Rotating the key-encryption key: every sealed column is known, and a rotation round trip loses nothing."""

from __future__ import annotations

import base64
import io
import uuid
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from dilasa.accounts.models import User
from dilasa.core import crypto
from dilasa.live import services as live
from dilasa.live.access import access_room
from dilasa.live.models import ChatMessage, SessionNote
from dilasa.live.testing import appointment_soon

OLD = base64.b64encode(bytes(range(32))).decode()
NEW = base64.b64encode(bytes(range(100, 132))).decode()


@pytest.fixture
def keys(settings) -> Iterator[object]:
    settings.DATA_KEYS = f"old:{OLD}"
    settings.DATA_KEY_ID = "old"
    crypto.keyring.cache_clear()
    yield settings
    crypto.keyring.cache_clear()


def use_keys(settings: object, text: str, active: str) -> None:
    settings.DATA_KEYS = text
    settings.DATA_KEY_ID = active
    crypto.keyring.cache_clear()


def test_every_binary_column_in_the_project_is_a_declared_sealed_column() -> None:
    declared = {column.label for column in crypto.sealed_columns()}
    binary = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("dilasa.")
        for field in model._meta.get_fields()
        if isinstance(field, models.BinaryField)
    }
    assert binary, "the project has sealed columns"
    assert binary == declared


@pytest.mark.django_db
def test_rotation_rewraps_every_value_and_the_old_key_can_then_go(
    keys: object, client_ayesha: User, therapist_sana: User
) -> None:
    room = access_room(user=client_ayesha, appointment_id=appointment_soon(client_ayesha, therapist_sana).pk)
    said = [f"canary-{n} I feel heavy today" for n in range(7)]
    for text in said:
        live.chat_post(room_id=room.pk, by=client_ayesha, client_id=uuid.uuid4(), body=text)
    live.note_save(room=room, by=therapist_sana, body="Low mood, sleep poor; plan: activity diary")
    bodies_before = {m.pk: bytes(m.body)[-40:] for m in ChatMessage.objects.all()}

    use_keys(keys, f"old:{OLD},new:{NEW}", "new")
    live.chat_post(room_id=room.pk, by=therapist_sana, client_id=uuid.uuid4(), body="written after the switch")
    out = io.StringIO()
    call_command("rotate_data_keys", "--check", stdout=out)
    assert "8 value(s) under keys other than new" in out.getvalue()

    call_command("rotate_data_keys", "--batch", "3", stdout=io.StringIO())
    out = io.StringIO()
    call_command("rotate_data_keys", "--check", stdout=out)
    assert "0 value(s) under keys other than new" in out.getvalue()
    assert {crypto.key_id_of(bytes(m.body)) for m in ChatMessage.objects.all()} == {"new"}
    # Only the wrapping changed: the text's own ciphertext is byte for byte the same.
    assert {m.pk: bytes(m.body)[-40:] for m in ChatMessage.objects.filter(pk__in=bodies_before)} == bodies_before

    use_keys(keys, f"new:{NEW}", "new")  # the old key is gone
    replayed = [frame["body"] for frame in live.chat_history(room_id=room.pk, after_seq=0, reader=client_ayesha)]
    assert replayed == [*said, "written after the switch"]
    note = SessionNote.objects.get(room=room)
    assert crypto.unseal(bytes(note.body), context=live.note_context(room.pk)).startswith("Low mood")


@pytest.mark.django_db
def test_a_value_that_does_not_open_stops_the_rotation_loudly(
    keys: object, client_ayesha: User, therapist_sana: User
) -> None:
    room = access_room(user=client_ayesha, appointment_id=appointment_soon(client_ayesha, therapist_sana).pk)
    message = live.chat_post(room_id=room.pk, by=client_ayesha, client_id=uuid.uuid4(), body="hello")
    tampered = bytearray(message.body)
    tampered[20] ^= 1
    ChatMessage.objects.filter(pk=message.pk).update(body=bytes(tampered))
    use_keys(keys, f"old:{OLD},new:{NEW}", "new")
    with pytest.raises(CommandError, match="does not open"):
        call_command("rotate_data_keys", stdout=io.StringIO())
