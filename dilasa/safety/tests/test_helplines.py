"""The national lines are data with a source and a last check; a line not checked for 180 days fails the build.
Clinics add their own, shown after the national ones to their own clients only."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import Organisation, User
from dilasa.safety.helpline_words import WORDS
from dilasa.safety.helplines import DATA, check_due, national_lines, stale_lines
from dilasa.safety.models import ClinicHelpline
from dilasa.safety.services import clinic_helpline_add
from dilasa.testing import signed_in_client

REQUIRED = (
    "key",
    "name",
    "number",
    "dial",
    "hours",
    "languages",
    "region",
    "purpose",
    "emergency",
    "source",
    "verified_how",
    "last_verified",
)


def test_every_line_was_checked_within_180_days() -> None:
    stale = [
        f"{line.name} ({line.number}): last checked {line.last_verified}, due {check_due(line)}"
        for line in stale_lines(timezone.localdate())
    ]
    assert not stale, "check these lines again at their source, then update data/helplines.toml: " + "; ".join(stale)


def test_the_lines_gathered_on_26_november_2026_go_stale_on_25_may_2027() -> None:
    gathered = [line for line in national_lines() if line.last_verified == date(2026, 11, 26)]
    assert gathered
    assert not set(gathered) & set(stale_lines(date(2027, 5, 24)))
    assert set(gathered) <= set(stale_lines(date(2027, 5, 25)))


def test_every_line_says_where_it_came_from_and_how_it_was_checked() -> None:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))["line"]
    for entry in raw:
        assert set(REQUIRED) <= set(entry), entry.get("key")
        assert str(entry["source"]).strip(), entry["key"]
        assert str(entry["verified_how"]).strip(), entry["key"]
        assert isinstance(entry["last_verified"], date), entry["key"]
        assert entry["last_verified"] <= timezone.localdate(), "a check cannot be in the future"
        assert str(entry["dial"]).lstrip("+").isdigit(), entry["key"]
    assert len({entry["key"] for entry in raw}) == len(raw)


def test_the_lines_from_the_design_notes_are_all_there() -> None:
    numbers = {line.number for line in national_lines()}
    assert {"0311-7786264", "1166", "1282", "15, then 7", "1122", "15"} <= numbers
    assert [line.number for line in national_lines()][:2] == ["1122", "15"]  # emergencies first


def test_every_text_is_translatable() -> None:
    for line in national_lines():
        for text in (line.name, line.hours, line.purpose, line.region, *line.languages):
            assert text in WORDS, f"add {text!r} to dilasa/safety/helpline_words.py"


@pytest.mark.django_db
def test_a_clinics_line_is_shown_to_its_clients_after_the_national_ones(
    ayesha: User, client_kamran: User, admin_farah: User, clinic_sukoon: Organisation
) -> None:
    clinic_helpline_add(
        organisation=clinic_sukoon,
        added_by=admin_farah,
        name="Sukoon after hours",
        number="051 123-4567",
        hours="6 pm to midnight",
        languages="Urdu",
        purpose="A counsellor of the clinic",
    )
    mine = signed_in_client(ayesha).get(reverse("safety:crisis")).content.decode()
    not_theirs = signed_in_client(client_kamran).get(reverse("safety:crisis")).content.decode()
    anyone = Client().get(reverse("safety:crisis")).content.decode()

    assert 'href="tel:0511234567"' in mine
    assert mine.index("tel:+923117786264") < mine.index("Sukoon after hours")
    assert "Sukoon after hours" not in not_theirs
    assert "Sukoon after hours" not in anyone


@pytest.mark.django_db
def test_a_clinic_admin_adds_and_removes_lines(admin_farah: User, clinic_sukoon: Organisation) -> None:
    browser = signed_in_client(admin_farah)
    url = reverse("safety:clinic_lines")
    added = browser.post(
        url, {"name": "Night line", "number": "0300-1234567", "hours": "", "languages": "", "purpose": ""}
    )
    bad = browser.post(url, {"name": "Oops", "number": "call us", "hours": "", "languages": "", "purpose": ""})

    assert added.status_code == 302
    assert bad.status_code == 400
    assert "Enter a phone number" in bad.content.decode()
    assert 'value="Oops"' in bad.content.decode()
    line = ClinicHelpline.objects.get()
    assert line.organisation == clinic_sukoon
    assert browser.post(reverse("safety:clinic_line_remove", args=[line.pk])).status_code == 302
    assert not ClinicHelpline.objects.exists()


@pytest.mark.django_db
def test_another_clinics_admin_cannot_remove_a_line(
    admin_farah: User, admin_omar: User, clinic_sukoon: Organisation
) -> None:
    line = clinic_helpline_add(
        organisation=clinic_sukoon,
        added_by=admin_farah,
        name="Night line",
        number="0300-1234567",
        hours="",
        languages="",
        purpose="",
    )

    assert signed_in_client(admin_omar).post(reverse("safety:clinic_line_remove", args=[line.pk])).status_code == 404
    assert "Night line" not in signed_in_client(admin_omar).get(reverse("safety:clinic_lines")).content.decode()
    assert ClinicHelpline.objects.filter(pk=line.pk).exists()


@pytest.mark.django_db
def test_an_admin_names_who_is_on_call(
    admin_farah: User, admin_zara: User, admin_omar: User, clinic_sukoon: Organisation
) -> None:
    from dilasa.safety.selectors import on_call_admins

    browser = signed_in_client(admin_farah)
    assert browser.post(reverse("safety:on_call"), {"admin": admin_zara.pk}).status_code == 302
    assert on_call_admins(organisation_id=clinic_sukoon.pk) == [admin_zara]
    browser.post(reverse("safety:on_call"), {"admin": admin_omar.pk})  # not one of Sukoon's: refused
    assert on_call_admins(organisation_id=clinic_sukoon.pk) == [admin_zara]
    browser.post(reverse("safety:on_call"), {"admin": ""})
    assert on_call_admins(organisation_id=clinic_sukoon.pk) == [admin_farah, admin_zara]
