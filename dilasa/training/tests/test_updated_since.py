"""Modules are versioned by their content: a module changed since a therapist completed it says so, to her
and to her clinic's admin, until she completes the new version."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client
from dilasa.training.models import Completion
from dilasa.training.testing import completed, right_answers

pytestmark = pytest.mark.django_db

SLUG = "cues-without-a-face"


def test_a_module_changed_since_she_completed_it_shows_updated_since(sana: User, sana_browser: Client) -> None:
    completed(sana, SLUG, earlier_version=True)
    listing = sana_browser.get(reverse("training:index")).content.decode()
    assert "Updated since you completed it" in listing
    assert "You have completed 0 of 5." in listing
    page = sana_browser.get(reverse("training:module", args=[SLUG])).content.decode()
    assert "Updated since you completed it on" in page


def test_completing_the_new_version_makes_it_current_and_keeps_the_old_record(sana: User, sana_browser: Client) -> None:
    old = completed(sana, SLUG, earlier_version=True)
    sana_browser.post(reverse("training:module", args=[SLUG]), right_answers(SLUG))
    assert Completion.objects.filter(user=sana, module=SLUG).count() == 2
    assert Completion.objects.filter(pk=old.pk).exists()
    listing = sana_browser.get(reverse("training:index")).content.decode()
    assert "Updated since you completed it" not in listing
    assert "Completed on" in listing


def test_the_clinic_admin_sees_the_module_as_updated_since(sana: User, farah: User) -> None:
    completed(sana, SLUG, earlier_version=True)
    body = signed_in_client(farah).get(reverse("training:clinic")).content.decode()
    assert "updated since" in body
    csv = b"".join(signed_in_client(farah).get(reverse("training:clinic_csv")).streaming_content).decode()
    assert f"{SLUG}," in csv
    assert "no: updated since" in csv
