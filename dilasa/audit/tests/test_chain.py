"""The audit trail is append-only and hash-chained: any change, removal or reordering is found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, AppendOnlyError, Purpose
from dilasa.audit.origin import set_origin
from dilasa.audit.services import record, verify_chain

pytestmark = pytest.mark.django_db


def three_reads(therapist: User, client: User) -> list[AccessEvent]:
    return [
        record(
            actor=therapist, subject_id=client.pk, action=Action.READ, target=f"records.note:{n}", purpose=Purpose.CARE
        )
        for n in range(3)
    ]


def test_events_chain_each_to_the_one_before(therapist_sana: User, client_ayesha: User) -> None:
    first, second, third = three_reads(therapist_sana, client_ayesha)
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert verify_chain().broken_at is None
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 3 event(s)" in out.getvalue()


def test_the_app_cannot_change_or_delete_an_event(therapist_sana: User, client_ayesha: User) -> None:
    event = three_reads(therapist_sana, client_ayesha)[0]
    event.target = "records.note:999"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(target="x")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses the raw edit itself (next test)")
@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE audit_accessevent SET target = 'records.note:7' WHERE seq = 2", "contents were changed"),
        ("DELETE FROM audit_accessevent WHERE seq = 2", "expected event #2"),
        ("DELETE FROM audit_accessevent WHERE seq = 3", "chain ends at #2"),
        ("UPDATE audit_accessevent SET ip = '10.0.0.9' WHERE seq = 1", "contents were changed"),
    ],
)
def test_a_raw_edit_behind_the_apps_back_breaks_the_chain(
    therapist_sana: User, client_ayesha: User, tamper: str, problem: str
) -> None:
    three_reads(therapist_sana, client_ayesha)
    with connection.cursor() as cursor:
        cursor.execute(tamper)
    check = verify_chain()
    assert check.broken_at is not None
    assert problem in check.problem
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL (CI's second run)")
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_accessevent SET target = 'x'", "DELETE FROM audit_accessevent"],
)
def test_on_postgresql_no_role_can_change_or_delete_an_event(
    therapist_sana: User, client_ayesha: User, statement: str
) -> None:
    three_reads(therapist_sana, client_ayesha)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AccessEvent.objects.count() == 3


def test_an_event_records_where_the_request_came_from(therapist_sana: User, client_ayesha: User) -> None:
    set_origin("203.0.113.7")
    try:
        event = record(
            actor=therapist_sana, subject_id=client_ayesha.pk, action=Action.READ, target="t:1", purpose=Purpose.CARE
        )
    finally:
        set_origin(None)
    assert event.ip == "203.0.113.7"
    assert event.actor_role == "therapist"


def test_a_break_glass_reason_is_sealed_but_still_chained(admin_farah: User, client_ayesha: User) -> None:
    event = record(
        actor=admin_farah,
        subject_id=client_ayesha.pk,
        action=Action.BREAK_GLASS,
        target="records.client:1",
        purpose=Purpose.EMERGENCY,
        reason="canary-reason-7 client said they were unsafe",
    )
    assert b"canary-reason-7" not in bytes(event.reason or b"")
    assert verify_chain().broken_at is None
