"""A clinic admin reads the access log of their own clinic only: filtered by person and date, paged, with
addresses and purposes, and as a CSV whose download is itself recorded."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import Organisation, Role, User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.origin import set_origin
from dilasa.audit.services import record
from dilasa.audit.testing import in_care_of
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db

LOG = reverse("audit:clinic_log")
CSV = reverse("audit:clinic_log_csv")


@pytest.fixture
def farah(admin_farah: User) -> User:
    admin_farah.language = "en"
    admin_farah.save()
    return admin_farah


@pytest.fixture
def sukoon_reads(client_ayesha: User, therapist_sana: User) -> AccessEvent:
    in_care_of(client_ayesha, therapist_sana)
    set_origin("203.0.113.9")
    try:
        return record(
            actor=therapist_sana,
            subject_id=client_ayesha.pk,
            action=Action.READ,
            target="live.note:3",
            purpose=Purpose.CARE,
        )
    finally:
        set_origin(None)


def test_the_admin_sees_who_read_what_from_where_and_why(farah: User, sukoon_reads: AccessEvent) -> None:
    page = signed_in_client(farah).get(LOG)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    for expected in ("Dr Sana", "Ayesha", "203.0.113.9", ">care<", "viewed"):
        assert expected in html
    assert reverse("audit:entry", args=[sukoon_reads.seq]) in html


def test_another_clinics_admin_sees_nothing_of_sukoon(admin_omar: User, sukoon_reads: AccessEvent) -> None:
    client = signed_in_client(admin_omar)
    html = client.get(LOG).content.decode()
    assert "Dr Sana" not in html
    assert "203.0.113.9" not in html
    assert client.get(reverse("audit:entry", args=[sukoon_reads.seq])).status_code == 404
    rows = list(csv.reader(io.StringIO(b"".join(client.get(CSV).streaming_content).decode())))
    assert [row[3] for row in rows[1:]] == ["Omar"]  # only his own download, recorded before it streams
    assert client.get(LOG + f"?person={sukoon_reads.actor_id}").content.decode().count("203.0.113.9") == 0


def test_a_shared_clients_reads_at_another_clinic_stay_there(
    farah: User, client_ayesha: User, sukoon_reads: AccessEvent, clinic_other: Organisation
) -> None:
    other = make_user("zara@example.com", display_name="Zara", role=Role.THERAPIST, organisation=clinic_other)
    in_care_of(client_ayesha, other, days=2)
    record(actor=other, subject_id=client_ayesha.pk, action=Action.READ, target="live.chat:9", purpose=Purpose.CARE)
    assert "Zara" not in signed_in_client(farah).get(LOG).content.decode()


def test_filter_by_person_and_date(
    farah: User, sukoon_reads: AccessEvent, therapist_bilal: User, client_kamran: User
) -> None:
    in_care_of(client_kamran, therapist_bilal)
    record(
        actor=therapist_bilal,
        subject_id=client_kamran.pk,
        action=Action.READ,
        target="live.mood:4",
        purpose=Purpose.CARE,
    )
    client = signed_in_client(farah)
    by_bilal = client.get(LOG, {"person": therapist_bilal.pk}).content.decode()
    assert "K." in by_bilal
    assert "203.0.113.9" not in by_bilal
    about_ayesha = client.get(LOG, {"person": sukoon_reads.subject_id}).content.decode()
    assert "203.0.113.9" in about_ayesha
    assert "how you felt before a session" not in about_ayesha
    today = timezone.localdate()
    assert "203.0.113.9" in client.get(LOG, {"since": today.isoformat(), "until": today.isoformat()}).content.decode()
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert "Nothing recorded" in client.get(LOG, {"since": tomorrow}).content.decode()
    refused = client.get(LOG, {"since": tomorrow, "until": today.isoformat()}).content.decode()
    assert "The end is before the start." in refused


def test_the_log_is_paged(farah: User, sukoon_reads: AccessEvent, client_ayesha: User, therapist_sana: User) -> None:
    for n in range(55):
        record(
            actor=therapist_sana,
            subject_id=client_ayesha.pk,
            action=Action.READ,
            target=f"live.chat:{n}",
            purpose=Purpose.CARE,
        )
    client = signed_in_client(farah)
    first = client.get(LOG).content.decode()
    assert first.count("<tr>") == 51  # the head and fifty rows
    assert 'rel="next"' in first
    assert client.get(LOG, {"page": 2}).content.decode().count("<tr>") == 7


def test_the_csv_holds_the_filtered_log_and_its_download_is_recorded(
    farah: User, sukoon_reads: AccessEvent, therapist_sana: User
) -> None:
    therapist_sana.display_name = '=HYPERLINK("http://x")'
    therapist_sana.save()
    response = signed_in_client(farah).get(CSV, {"person": therapist_sana.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["ip"], row["purpose"], row["action"], row["target"]) == ("203.0.113.9", "care", "read", "live.note:3")
    assert row["actor"].startswith("'=")  # a spreadsheet shows it, never runs it
    assert row["hash"] == sukoon_reads.hash
    export = AccessEvent.objects.order_by("seq").last()
    assert export is not None
    assert (export.actor_id, export.action, export.purpose, export.subject_id) == (
        farah.pk,
        Action.EXPORT,
        Purpose.ADMINISTRATION,
        None,
    )


@pytest.mark.parametrize("persona", ["client_ayesha", "therapist_sana"])
def test_only_admins_read_the_log(persona: str, request: pytest.FixtureRequest) -> None:
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get(LOG).status_code == 403
    assert client.get(CSV).status_code == 403
