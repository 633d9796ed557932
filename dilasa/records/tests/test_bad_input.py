"""Bad input gets a clear error, keeps what the therapist typed, and stores nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.records.models import Homework, Note, NoteRevision, PlanRevision
from dilasa.records.testing import AuditWatch, appointment_together
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def sana(therapist_sana: User) -> User:
    therapist_sana.language = "en"
    therapist_sana.save(update_fields=["language"])
    return therapist_sana


def test_an_unknown_template_is_refused_clearly(in_care: Appointment, client_ayesha: User, sana: User) -> None:
    browser = signed_in_client(sana)
    url = reverse("records:note_new", args=[client_ayesha.pk])
    for answer in (browser.get(url, {"template": "mse"}), browser.post(url, {"template": "mse", "text": "x"})):
        assert answer.status_code == 400
        assert "Select a valid choice" in answer.content.decode()
    assert not Note.objects.exists()


def test_a_missing_section_is_named_and_the_rest_is_kept(in_care: Appointment, client_ayesha: User, sana: User) -> None:
    watch = AuditWatch()
    answer = signed_in_client(sana).post(
        reverse("records:note_new", args=[client_ayesha.pk]),
        {"template": "soap", "subjective": "what she said, at length", "objective": "", "assessment": "a", "plan": ""},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert page.count("This field is required.") == 2
    assert "what she said, at length" in page
    assert not Note.objects.exists()
    assert watch.events() == []


def test_a_section_of_only_spaces_counts_as_missing(in_care: Appointment, client_ayesha: User, sana: User) -> None:
    answer = signed_in_client(sana).post(
        reverse("records:note_new", args=[client_ayesha.pk]), {"template": "free", "text": "   "}
    )
    assert answer.status_code == 400
    assert not NoteRevision.objects.exists()


def test_an_appointment_of_someone_else_cannot_be_linked(
    in_care: Appointment, client_ayesha: User, client_kamran: User, sana: User
) -> None:
    theirs = appointment_together(client_kamran, sana, days_ago=5)
    answer = signed_in_client(sana).post(
        reverse("records:note_new", args=[client_ayesha.pk]),
        {"template": "free", "text": "kept text", "appointment": str(theirs.pk)},
    )
    assert answer.status_code == 400
    assert "kept text" in answer.content.decode()
    assert not Note.objects.exists()


def test_the_plan_needs_goals_and_interventions_and_a_real_date(
    in_care: Appointment, client_ayesha: User, sana: User
) -> None:
    answer = signed_in_client(sana).post(
        reverse("records:plan_edit", args=[client_ayesha.pk]),
        {"goals": "sleep through the night", "interventions": "", "review_on": "2026-02-31", "base_revision": "0"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "This field is required." in page
    assert "Enter a valid date." in page
    assert "sleep through the night" in page
    assert not PlanRevision.objects.exists()


def test_a_review_date_in_urdu_digits_is_understood(in_care: Appointment, client_ayesha: User, sana: User) -> None:
    answer = signed_in_client(sana).post(
        reverse("records:plan_edit", args=[client_ayesha.pk]),
        {"goals": "g", "interventions": "i", "review_on": "۲۰۲۷-۰۱-۱۵", "base_revision": "0"},
    )
    assert answer.status_code == 302
    assert str(PlanRevision.objects.get().review_on) == "2027-01-15"


def test_homework_needs_a_title_and_instructions_and_a_known_status(
    in_care: Appointment, client_ayesha: User, sana: User
) -> None:
    browser = signed_in_client(sana)
    answer = browser.post(reverse("records:homework_new", args=[client_ayesha.pk]), {"title": "", "instructions": "x"})
    assert answer.status_code == 400
    assert not Homework.objects.exists()

    browser.post(
        reverse("records:homework_new", args=[client_ayesha.pk]), {"title": "Diary", "instructions": "nightly"}
    )
    item = Homework.objects.get()
    answer = browser.post(
        reverse("records:homework_edit", args=[item.pk]),
        {"title": "Diary", "instructions": "nightly", "status": "finished", "observations": "my observation"},
    )
    assert answer.status_code == 400
    assert "my observation" in answer.content.decode()
    item.refresh_from_db()
    assert item.status == "assigned"
    assert item.observations is None
