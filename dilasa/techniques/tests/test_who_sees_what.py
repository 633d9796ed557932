"""Only the client and the therapist who gave the exercise (verified, the client in care now) reach it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import Role, User
from dilasa.messaging.testing import put_in_care
from dilasa.techniques.testing import filled, given
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_exercise_page_is_the_clients_alone(
    client_ayesha: User, client_kamran: User, therapist_sana: User, admin_farah: User
) -> None:
    url = reverse("techniques:task", args=[given(client_ayesha, therapist_sana).pk])
    for other in (client_kamran, therapist_sana, admin_farah):
        assert signed_in_client(other).get(url).status_code == 404
    assert signed_in_client(client_ayesha).get(url).status_code == 200


def test_an_unverified_therapist_cannot_give_or_read(client_ayesha: User, therapist_bilal: User) -> None:
    put_in_care(client_ayesha, therapist_bilal)
    url = reverse("techniques:client", args=[client_ayesha.pk])
    browser = signed_in_client(therapist_bilal)
    assert browser.get(url).status_code == 404
    assert browser.post(url, {"technique": "diary", "due_on": "2030-01-01"}).status_code == 404


def test_another_therapist_of_the_same_client_does_not_see_the_entries(
    client_ayesha: User, therapist_sana: User
) -> None:
    entry = filled(given(client_ayesha, therapist_sana)).entry
    other = make_user(
        "noor@example.com", display_name="Dr Noor", role=Role.THERAPIST, organisation=therapist_sana.organisation
    )
    other.clinic_verified_at = therapist_sana.clinic_verified_at
    other.save()
    put_in_care(client_ayesha, other)
    browser = signed_in_client(other)
    page = browser.get(reverse("techniques:client", args=[client_ayesha.pk])).content.decode()
    assert "I have done this before" not in page
    assert browser.post(reverse("techniques:review", args=[entry.pk])).status_code == 404


def test_a_therapist_whose_client_left_their_care_reads_nothing(client_ayesha: User, therapist_sana: User) -> None:
    from dilasa.scheduling.models import Appointment

    filled(given(client_ayesha, therapist_sana))
    Appointment.objects.filter(client=client_ayesha).delete()
    assert (
        signed_in_client(therapist_sana).get(reverse("techniques:client", args=[client_ayesha.pk])).status_code == 404
    )
