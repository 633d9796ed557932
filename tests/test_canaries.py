"""Canary strings written through the real paths never appear in plaintext where an attacker might look.

Each run writes fresh canaries into every kind of clinical text (session chat, mood word, feedback,
session note, and each app's own clinical fields as they are added to `plant`), then looks for them in
the raw SQLite file (with its write-ahead log), a PostgreSQL dump, everything logged meanwhile
(including every SQL statement with its parameters) and the error page and error report of a request
that fails while carrying one. A control string kept in plaintext on purpose (a display name) must be
found by the same scan, so a scan that reads nothing cannot pass.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.views.debug import ExceptionReporter

from dilasa.accounts.models import User
from dilasa.live import services as live
from dilasa.live.access import access_room
from dilasa.live.testing import appointment_soon
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Planted:
    control: str
    canaries: list[str] = field(default_factory=list)

    def new(self, label: str, *, urdu: bool = False) -> str:
        text = f"canary-{label}-{uuid.uuid4().hex[:12]}" + (" میں بہت اکیلا محسوس کرتا ہوں" if urdu else "")
        self.canaries.append(text)
        return text

    def leaks_in(self, haystack: bytes) -> list[str]:
        return [text for text in self.canaries if text.encode() in haystack or text.split(" ")[0].encode() in haystack]


@pytest.fixture
def planted() -> Planted:
    """Ayesha and Sana, after a session with chat, a mood word, feedback and a note."""
    control = f"control-{uuid.uuid4().hex[:12]}"
    ayesha = make_user(f"{control}@example.com", display_name=control, language="en")
    sana = make_user_therapist()
    seeds = Planted(control=control)
    room = access_room(user=ayesha, appointment_id=appointment_soon(ayesha, sana).pk)
    live.mood_check_in(room=room, by=ayesha, value=2, word=seeds.new("mood"))
    live.chat_post(room_id=room.pk, by=ayesha, client_id=uuid.uuid4(), body=seeds.new("chat", urdu=True))
    live.chat_post(room_id=room.pk, by=sana, client_id=uuid.uuid4(), body=seeds.new("reply"))
    live.note_save(room=room, by=sana, body=seeds.new("note"))
    live.feedback_submit(
        room=room,
        by=ayesha,
        session_rating=4,
        connected_rating=4,
        connection_rating=3,
        comment=seeds.new("feedback", urdu=True),
    )
    plant_records(seeds, ayesha, sana)
    plant_safety(seeds, ayesha, sana)
    plant_outcomes(seeds, ayesha, sana)
    plant_techniques(seeds, ayesha, sana)
    return seeds


def plant_records(seeds: Planted, client: User, therapist: User) -> None:
    """A folder written through the records access layer: SOAP note, revision, addendum, plan, homework, file."""
    from dilasa.records import access as records
    from dilasa.records.testing import PDF_BYTES

    sections = {part: seeds.new(f"note-{part}", urdu=part == "subjective") for part in ("subjective", "objective")}
    sections |= {"assessment": seeds.new("assessment"), "plan": seeds.new("plan")}
    note = records.write_note(user=therapist, client_id=client.pk, template="soap", sections=sections)
    records.write_note_revision(
        user=therapist, note_id=note.pk, sections=sections | {"plan": seeds.new("plan-2")}, base_revision=1
    )
    records.write_note_signature(user=therapist, note_id=note.pk)
    records.write_addendum(user=therapist, note_id=note.pk, body=seeds.new("addendum"))
    records.write_plan(
        user=therapist,
        client_id=client.pk,
        goals=seeds.new("goals"),
        interventions=seeds.new("interventions"),
        review_on=None,
        base_revision=0,
    )
    title, steps = seeds.new("task"), seeds.new("steps")
    item = records.write_homework(user=therapist, client_id=client.pk, title=title, instructions=steps, due_on=None)
    records.write_homework_record(
        user=therapist,
        homework_id=item.pk,
        title=title,
        instructions=steps,
        due_on=None,
        status="done",
        observations=seeds.new("observed"),
    )
    name = seeds.new("file")
    records.write_attachment(
        user=therapist, client_id=client.pk, name=f"{name}.pdf", data=PDF_BYTES.replace(b"trailer", name.encode())
    )


def plant_safety(seeds: Planted, client: User, therapist: User) -> None:
    """A flag with its detail, acknowledged with a note, through dilasa.safety's service and access layer."""
    from dilasa.safety import access as safety
    from dilasa.safety.services import raise_flag

    flag = raise_flag(client=client, source="phq9_item9", detail=seeds.new("flag-detail"))
    safety.acknowledge_flag(user=therapist, flag_id=flag.pk, action="other", note=seeds.new("flag-note", urdu=True))


def plant_outcomes(seeds: Planted, client: User, therapist: User) -> None:
    """A mood check-in answered with a word through the client's form, then read on the therapist's page."""
    from django.urls import reverse

    from dilasa.outcomes.testing import assigned, form_data

    item = assigned(client, therapist, "mood")
    url = reverse("outcomes:answer", args=[item.pk])
    sent = signed_in_client(client).post(url, form_data(item, [5], word=seeds.new("mood-word", urdu=True)))
    assert sent.status_code == 302, "the word was stored"
    signed_in_client(therapist).get(reverse("outcomes:client", args=[client.pk]))


def plant_techniques(seeds: Planted, client: User, therapist: User) -> None:
    """An exercise given with a note, filled in through the client's form, marked seen with a comment."""
    from django.urls import reverse

    from dilasa.techniques.testing import THOUGHTS, form_data, given

    item = given(client, therapist, note=seeds.new("practice-note"))
    values = THOUGHTS | {"thought": seeds.new("practice-thought", urdu=True), "balanced": seeds.new("balanced")}
    sent = signed_in_client(client).post(reverse("techniques:task", args=[item.pk]), form_data(values))
    assert sent.status_code == 302, "the entry was stored"
    sana = signed_in_client(therapist)
    entry = item.entries.get()
    sana.post(reverse("techniques:review", args=[entry.pk]), {"comment": seeds.new("practice-comment")})
    sana.get(reverse("techniques:client", args=[client.pk]))


def make_user_therapist() -> User:
    from dilasa.accounts.models import Role
    from dilasa.testing import make_clinic

    return make_user("sana@example.com", display_name="Dr Sana", role=Role.THERAPIST, organisation=make_clinic())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the raw-file scan is for the embedded default (SQLite)")
def test_the_raw_sqlite_file_holds_no_canary(planted: Planted) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(FULL)")
    path = Path(connection.settings_dict["NAME"])
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert planted.control.encode() in raw, "the scan reads the rows"
    assert planted.leaks_in(raw) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the dump scan runs on PostgreSQL (CI's second run)")
def test_a_postgresql_dump_holds_no_canary(planted: Planted) -> None:
    db = connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump comes with PostgreSQL's client package"
    dump = subprocess.run(  # noqa: S603 - fixed argv, test database
        [pg_dump, "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres", db["NAME"]],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    assert planted.control.encode() in dump, "the dump holds the rows"
    assert planted.leaks_in(dump) == []


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record at DEBUG, including each SQL statement and its parameters."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        yield caplog
    finally:
        connection.force_debug_cursor = False


def test_nothing_logged_while_writing_holds_a_canary(everything_logged: pytest.LogCaptureFixture) -> None:
    control = f"control-{uuid.uuid4().hex[:12]}"
    ayesha = make_user(f"{control}@example.com", display_name=control, language="en")
    sana = make_user_therapist()
    seeds = Planted(control=control)
    room = access_room(user=ayesha, appointment_id=appointment_soon(ayesha, sana).pk)
    page = signed_in_client(ayesha)
    page.post(f"/meet/{room.appointment_id}/mood/", {"value": "3", "word": seeds.new("mood")})
    live.chat_post(room_id=room.pk, by=ayesha, client_id=uuid.uuid4(), body=seeds.new("chat", urdu=True))
    live.chat_history(room_id=room.pk, after_seq=0, reader=sana)
    live.note_save(room=room, by=sana, body=seeds.new("note"))
    plant_records(seeds, ayesha, sana)
    plant_safety(seeds, ayesha, sana)
    plant_outcomes(seeds, ayesha, sana)
    logged = everything_logged.text.encode()
    assert control.encode() in logged, "SQL parameters are in the captured log"
    assert seeds.leaks_in(logged) == []


def test_a_failing_request_shows_and_reports_no_canary(
    everything_logged: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    ayesha = make_user("ayesha@example.com", display_name="Ayesha", language="en")
    sana = make_user_therapist()
    room = access_room(user=ayesha, appointment_id=appointment_soon(ayesha, sana).pk)
    seeds = Planted(control="")
    word = seeds.new("mood")

    def broken(**kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(live, "mood_check_in", broken)
    page: Client = signed_in_client(ayesha)
    page.raise_request_exception = False
    response = page.post(f"/meet/{room.appointment_id}/mood/", {"value": "3", "word": word})
    assert response.status_code == 500
    assert seeds.leaks_in(response.content) == []
    assert seeds.leaks_in(everything_logged.text.encode()) == []
    assert "Internal Server Error" in everything_logged.text, "the failure itself was logged"

    # The technical report (what DEBUG would show, or an error email would carry) hides POST values and locals.
    request = response.wsgi_request
    try:
        broken()
    except RuntimeError as error:
        for report in (
            ExceptionReporter(request, type(error), error, error.__traceback__, is_email=True).get_traceback_text(),
            ExceptionReporter(request, type(error), error, error.__traceback__).get_traceback_html(),
        ):
            assert seeds.leaks_in(str(report).encode()) == []
            assert "the disk is full" in str(report)
