"""A client downloads everything about them, as JSON or a page to print, after typing their password again;
it holds nothing of anyone else's, and the download itself is audited."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.rights.services import client_export
from dilasa.rights.tests.conftest import Story
from dilasa.testing import PASSWORD, signed_in_client


def dumped(story: Story) -> str:
    return json.dumps(client_export(client=story.client), ensure_ascii=False)


@pytest.mark.django_db
def test_the_export_holds_everything_of_theirs(ayesha_story: Story, kamran_story: Story) -> None:
    data = client_export(client=ayesha_story.client)
    text = json.dumps(data, ensure_ascii=False)
    for piece in ("chat", "mood", "fb", "message", "note"):
        assert f"{piece} {ayesha_story.canary}" in text, piece
    assert data["profile"]["display_name"] == "Ayesha CANARY-A-NAME"
    assert [a["id"] for a in data["appointments"]] == [ayesha_story.appointment.pk]
    assert data["payments"][0]["reference"] == f"TX{ayesha_story.client.pk:08d}"
    assert {c["kind"] for c in data["consents"]} == {"telecounselling", "supervision"}
    assert data["live"]["sessions"][0]["feedback"]["session"] == 4
    assert data["messaging"]["threads"][0]["messages"][0]["body"] == f"message {ayesha_story.canary}"
    assert any(row["action"] == "export" for row in data["access_log"])


@pytest.mark.django_db
def test_nothing_of_another_client(ayesha_story: Story, kamran_story: Story) -> None:
    text = dumped(ayesha_story)
    assert "CANARY-KAMRAN" not in text
    assert "CANARY-K-NAME" not in text
    assert "CANARY-AYESHA" not in dumped(kamran_story)


@pytest.mark.django_db
def test_each_export_is_audited(ayesha_story: Story) -> None:
    before = AccessEvent.objects.count()
    client_export(client=ayesha_story.client)
    event = AccessEvent.objects.get(seq=before + 1) if before else AccessEvent.objects.last()
    assert event is not None
    assert (event.actor_id, event.subject_id, event.action, event.purpose) == (
        ayesha_story.client.pk,
        ayesha_story.client.pk,
        Action.EXPORT,
        Purpose.DATA_RIGHTS,
    )


@pytest.mark.django_db
def test_the_json_download(ayesha_story: Story) -> None:
    response = signed_in_client(ayesha_story.client).post(
        reverse("rights:export"), {"password": PASSWORD, "format": "json"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["format"] == "dilasa-export/1"


@pytest.mark.django_db
def test_the_page_to_read_or_print(ayesha_story: Story, kamran_story: Story) -> None:
    response = signed_in_client(ayesha_story.client).post(
        reverse("rights:export"), {"password": PASSWORD, "format": "html"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"chat {ayesha_story.canary}" in page
    assert "Who opened your records" in page
    assert "CANARY-KAMRAN" not in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_wrong_password_downloads_nothing_and_says_why(ayesha_story: Story) -> None:
    before = AccessEvent.objects.filter(action=Action.EXPORT).count()
    response = signed_in_client(ayesha_story.client).post(
        reverse("rights:export"), {"password": "not it", "format": "json"}
    )
    assert response.status_code == 400
    assert "That password is not right." in response.content.decode()
    assert ayesha_story.canary not in response.content.decode()
    assert AccessEvent.objects.filter(action=Action.EXPORT).count() == before


@pytest.mark.django_db
def test_staff_have_no_download_here(therapist_sana: User) -> None:
    response = signed_in_client(therapist_sana).post(reverse("rights:export"), {"password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_page_to_print_fits_the_budget_for_a_usual_history(ayesha_story: Story) -> None:
    import gzip

    response = signed_in_client(ayesha_story.client).post(
        reverse("rights:export"), {"password": PASSWORD, "format": "html"}, HTTP_ACCEPT_ENCODING="gzip"
    )
    body = response.content if response.get("Content-Encoding") == "gzip" else gzip.compress(response.content)
    print(f"\nexport page: {len(body)} B compressed")  # noqa: T201
    assert len(body) <= 14 * 1024


@pytest.mark.django_db
def test_every_app_that_keeps_something_of_the_client_is_in_the_download(ayesha_story: Story) -> None:
    """Each app with an export.py contributes its part, so a new app cannot be forgotten silently."""
    from pathlib import Path

    from dilasa.rights.collect import EXPORTING_APPS

    exporting = {p.parent.name for p in Path(__file__).resolve().parents[2].glob("*/export.py")}
    assert exporting == set(EXPORTING_APPS)
    data = client_export(client=ayesha_story.client)
    assert set(EXPORTING_APPS) <= set(data)
