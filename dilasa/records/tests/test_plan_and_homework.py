"""The treatment plan keeps its history; homework records what was assigned and how it went."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.records import access
from dilasa.records.models import Homework, PlanRevision, TreatmentPlan
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_each_plan_save_is_a_revision_and_the_folder_shows_the_latest(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    browser = signed_in_client(therapist_sana)
    url = reverse("records:plan_edit", args=[client_ayesha.pk])
    browser.post(url, {"goals": "first goals", "interventions": "first way", "review_on": "", "base_revision": "0"})
    form = browser.get(url).content.decode()
    assert "first goals" in form
    browser.post(url, {"goals": "second goals", "interventions": "first way", "base_revision": "1"})

    plan = TreatmentPlan.objects.get()
    assert list(PlanRevision.objects.filter(plan=plan).values_list("number", flat=True)) == [1, 2]
    folder = browser.get(reverse("records:folder", args=[client_ayesha.pk])).content.decode()
    assert "second goals" in folder
    assert "first goals" not in folder
    history = browser.get(reverse("records:plan_history", args=[plan.pk])).content.decode()
    assert "first goals" in history
    assert "second goals" in history


def test_a_plan_saved_from_a_stale_page_is_refused(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    browser = signed_in_client(therapist_sana)
    url = reverse("records:plan_edit", args=[client_ayesha.pk])
    browser.post(url, {"goals": "a", "interventions": "b", "base_revision": "0"})
    answer = browser.post(url, {"goals": "from an old tab", "interventions": "b", "base_revision": "0"})
    assert answer.status_code == 400
    assert "from an old tab" in answer.content.decode()
    assert PlanRevision.objects.count() == 1


def test_homework_is_assigned_then_its_outcome_recorded(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    browser = signed_in_client(therapist_sana)
    browser.post(
        reverse("records:homework_new", args=[client_ayesha.pk]),
        {"title": "Breathing, twice a day", "instructions": "4-7-8, five rounds", "due_on": "2027-01-10"},
    )
    item = Homework.objects.get()
    assert (item.status, str(item.due_on)) == ("assigned", "2027-01-10")

    browser.post(
        reverse("records:homework_edit", args=[item.pk]),
        {
            "title": "Breathing, twice a day",
            "instructions": "4-7-8, five rounds",
            "due_on": "2027-01-10",
            "status": "partly",
            "observations": "mornings only; evenings too tired",
        },
    )
    _, text = access.open_homework(user=therapist_sana, homework_id=item.pk)
    assert (text.item.status, text.observations) == ("partly", "mornings only; evenings too tired")
    assert "mornings only" not in browser.get(reverse("records:folder", args=[client_ayesha.pk])).content.decode()
