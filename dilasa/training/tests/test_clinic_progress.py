"""The clinic admin sees which of her clinic's therapists completed which module, and when, on a page and as
a CSV; another clinic's admin sees none of them. Therapists see only their own progress."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import Role, User
from dilasa.testing import make_user, signed_in_client
from dilasa.training.testing import completed

pytestmark = pytest.mark.django_db

AT = datetime.fromisoformat("2026-11-20T10:00:00+05:00")


def download(browser: Client) -> list[dict[str, str]]:
    response = browser.get(reverse("training:clinic_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_admin_sees_each_therapist_of_her_clinic_against_each_module(
    sana: User, therapist_bilal: User, farah: User
) -> None:
    completed(sana, "rapport-on-screen", at=AT)
    body = signed_in_client(farah).get(reverse("training:clinic")).content.decode()
    assert "Dr Sana" in body
    assert "Bilal" in body
    assert 'datetime="2026-11-20T' in body
    assert "Building rapport through a screen" in body
    assert reverse("training:member", args=[sana.pk]) in body


def test_the_csv_has_a_row_per_therapist_and_module(sana: User, therapist_bilal: User, farah: User) -> None:
    completed(sana, "rapport-on-screen", at=AT)
    rows = download(signed_in_client(farah))
    assert len(rows) == 2 * 5
    sana_rapport = next(r for r in rows if r["therapist"] == "Dr Sana" and r["module"] == "rapport-on-screen")
    assert sana_rapport["completed_at"].startswith("2026-11-20T")
    assert sana_rapport["up_to_date"] == "yes"
    assert all(r["completed_at"] == "" for r in rows if r["therapist"] == "Bilal")


def test_another_clinics_admin_sees_nothing_of_sukoon(sana: User, therapist_bilal: User, admin_omar: User) -> None:
    completed(sana, "rapport-on-screen", at=AT)
    omar = signed_in_client(admin_omar)
    body = omar.get(reverse("training:clinic")).content.decode()
    assert "Dr Sana" not in body
    assert "Bilal" not in body
    assert "No therapists in your clinic yet." in body
    assert download(omar) == []
    assert omar.get(reverse("training:member", args=[sana.pk])).status_code == 404


def test_the_admin_reads_one_therapists_progress(sana: User, farah: User) -> None:
    completed(sana, "privacy-at-home", at=AT)
    body = signed_in_client(farah).get(reverse("training:member", args=[sana.pk])).content.decode()
    assert "Dr Sana: learning" in body
    assert "Not yet" in body
    assert body.count("Not yet") == 4


def test_the_member_page_is_for_therapists_of_her_clinic_only(farah: User, client_ayesha: User) -> None:
    browser = signed_in_client(farah)
    assert browser.get(reverse("training:member", args=[farah.pk])).status_code == 404  # an admin, not a therapist
    assert browser.get(reverse("training:member", args=[client_ayesha.pk])).status_code == 404
    assert browser.get(reverse("training:member", args=[999999])).status_code == 404


def test_therapists_and_clients_cannot_see_the_clinics_progress(sana: User, client_kamran: User) -> None:
    for user in (sana, client_kamran):
        browser = signed_in_client(user)
        assert browser.get(reverse("training:clinic")).status_code == 403
        assert browser.get(reverse("training:clinic_csv")).status_code == 403


def test_a_therapist_sees_her_own_progress_not_a_colleagues(sana: User, sana_browser: Client) -> None:
    colleague = make_user("hina@example.com", display_name="Hina", role=Role.THERAPIST, organisation=sana.organisation)
    completed(colleague, "rapport-on-screen")
    body = sana_browser.get(reverse("training:index")).content.decode()
    assert "You have completed 0 of 5." in body
    assert "Completed on" not in body


def test_a_name_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(sana: User, farah: User) -> None:
    sana.display_name = "=HYPERLINK(1)"
    sana.save()
    rows = download(signed_in_client(farah))
    assert {r["therapist"] for r in rows} == {"'=HYPERLINK(1)"}


def test_the_admin_and_the_therapist_find_learning_from_their_pages(sana_browser: Client, farah: User) -> None:
    assert reverse("training:index") in sana_browser.get(reverse("accounts:home")).content.decode()
    assert reverse("training:clinic") in signed_in_client(farah).get(reverse("accounts:clinic_team")).content.decode()
