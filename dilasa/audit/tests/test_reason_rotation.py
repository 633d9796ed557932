"""Key rotation re-wraps a sealed break-glass reason without breaking the chain; nothing else may change."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, AppendOnlyError, Purpose
from dilasa.audit.services import reason_context, record, verify_chain
from dilasa.core import crypto

pytestmark = pytest.mark.django_db

OLD = base64.b64encode(bytes(range(32))).decode()
NEW = base64.b64encode(bytes(range(100, 132))).decode()
REASON = "canary-reason-9 she said she is not safe at home tonight"


@pytest.fixture
def old_key(settings: Any) -> Iterator[Any]:
    settings.DATA_KEYS = f"old:{OLD}"
    settings.DATA_KEY_ID = "old"
    crypto.keyring.cache_clear()
    yield settings
    crypto.keyring.cache_clear()


def break_glass(admin: User, client: User) -> AccessEvent:
    return record(
        actor=admin,
        subject_id=client.pk,
        action=Action.BREAK_GLASS,
        target=f"records.client:{client.pk}",
        purpose=Purpose.EMERGENCY,
        reason=REASON,
    )


def test_rotation_rewraps_a_reason_and_the_chain_still_holds(
    old_key: Any, admin_farah: User, client_ayesha: User
) -> None:
    event = break_glass(admin_farah, client_ayesha)
    record(actor=admin_farah, subject_id=client_ayesha.pk, action=Action.READ, target="x:1", purpose=Purpose.EMERGENCY)
    old_key.DATA_KEYS = f"old:{OLD},new:{NEW}"
    old_key.DATA_KEY_ID = "new"
    crypto.keyring.cache_clear()
    call_command("rotate_data_keys", stdout=io.StringIO())
    old_key.DATA_KEYS = f"new:{NEW}"  # the old key is gone
    crypto.keyring.cache_clear()
    rotated = AccessEvent.objects.get(pk=event.pk)
    assert crypto.key_id_of(bytes(rotated.reason or b"")) == "new"
    assert crypto.unseal(bytes(rotated.reason or b""), context=reason_context(rotated.seq)) == REASON
    assert verify_chain().broken_at is None


def test_other_fields_still_cannot_change(admin_farah: User, client_ayesha: User) -> None:
    event = break_glass(admin_farah, client_ayesha)
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(reason=event.reason, target="x")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(ip="10.0.0.1")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses the edit itself (next test)")
def test_a_different_reason_breaks_the_chain(admin_farah: User, client_ayesha: User) -> None:
    event = break_glass(admin_farah, client_ayesha)
    other = crypto.seal("something else entirely, written later", context=reason_context(event.seq))
    AccessEvent.objects.filter(pk=event.pk).update(reason=other)
    check = verify_chain()
    assert check.broken_at == event.seq


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL (CI's second run)")
def test_on_postgresql_only_a_rewrap_passes_the_trigger(admin_farah: User, client_ayesha: User) -> None:
    event = break_glass(admin_farah, client_ayesha)
    other = crypto.seal("something else entirely, written later", context=reason_context(event.seq))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessevent SET reason = %s WHERE id = %s", [other, event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessevent SET reason = reason, target = 'x' WHERE id = %s", [event.pk])
    with transaction.atomic(), connection.cursor() as cursor:  # the same ciphertext, wrapped again: allowed
        cursor.execute("UPDATE audit_accessevent SET reason = reason WHERE id = %s", [event.pk])
    assert verify_chain().broken_at is None
