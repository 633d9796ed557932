"""Therapists join by a clinic admin's invitation, then must set up two-step sign-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import Invitation, Role, User
from dilasa.testing import signed_in_client


@pytest.fixture
def invite(on_commit):
    def send(admin: User, email: str, role: str = "therapist") -> str:
        with on_commit():
            response = signed_in_client(admin).post(reverse("accounts:clinic_team"), {"email": email, "role": role})
        assert response.status_code == 302
        match = re.search(r"127\.0\.0\.1:8000(/invite/[^\s]+/)", mail.outbox[-1].body)
        assert match
        return match.group(1)

    return send


def accept(path: str, name: str = "Dr Hina", password: str = "tea with cardamom"):
    client = Client()
    return client, client.post(path, {"display_name": name, "password": password})


def test_an_invited_therapist_joins_the_clinic_and_must_set_up_two_step(admin_farah: User, invite) -> None:
    path = invite(admin_farah, "Hina@Example.com")
    assert mail.outbox[-1].to == ["hina@example.com"]
    client, response = accept(path)
    assert response.url == reverse("accounts:two_factor_setup")
    hina = User.objects.get(login="hina@example.com")
    assert (hina.role, hina.organisation_id, hina.clinic_verified_at) == (
        Role.THERAPIST,
        admin_farah.organisation_id,
        None,
    )
    assert client.get(reverse("accounts:home")).url == reverse("accounts:two_factor_setup")


def test_an_invitation_works_once(admin_farah: User, invite) -> None:
    path = invite(admin_farah, "hina@example.com")
    accept(path)
    _, again = accept(path, name="Someone else")
    assert again.status_code == 404
    assert User.objects.filter(login="hina@example.com").count() == 1


def test_an_expired_invitation_does_not_work(admin_farah: User, invite) -> None:
    path = invite(admin_farah, "hina@example.com")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _, response = accept(path)
    assert response.status_code == 404
    assert not User.objects.filter(login="hina@example.com").exists()


def test_a_made_up_invitation_does_not_work(db: None) -> None:
    _, response = accept(reverse("accounts:invitation_accept", kwargs={"token": "made-up"}))
    assert response.status_code == 404


def test_an_admin_can_invite_another_admin(admin_farah: User, invite) -> None:
    accept(invite(admin_farah, "zara@example.com", role="clinic_admin"))
    assert User.objects.get(login="zara@example.com").role == Role.CLINIC_ADMIN


def test_bad_invitation_input_is_refused_clearly(admin_farah: User) -> None:
    client = signed_in_client(admin_farah)
    for data in ({"email": "not-an-email", "role": "therapist"}, {"email": "a@example.com", "role": "client"}):
        response = client.post(reverse("accounts:clinic_team"), data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Invitation.objects.exists()


def test_a_weak_password_on_acceptance_is_refused_and_the_invitation_stays_open(admin_farah: User, invite) -> None:
    path = invite(admin_farah, "hina@example.com")
    _, response = accept(path, password="password")
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    _, response = accept(path)
    assert response.status_code == 302


def test_an_address_that_already_has_an_account_cannot_be_reused(
    admin_farah: User, client_ayesha: User, invite
) -> None:
    path = invite(admin_farah, "ayesha@example.com")
    _, response = accept(path)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    client_ayesha.refresh_from_db()
    assert client_ayesha.role == Role.CLIENT
