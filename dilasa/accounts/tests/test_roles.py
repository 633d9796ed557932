"""Each role reaches its own pages and nothing else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

PERSONAS = ("anonymous", "client_ayesha", "therapist_sana", "admin_farah")
LOGIN = reverse("accounts:login")

# page -> expected status for each persona, in PERSONAS order (302 to sign-in for anonymous)
PAGES = {
    "accounts:home": (302, 200, 200, 302),
    "accounts:account": (302, 200, 200, 200),
    "accounts:password_change": (302, 200, 200, 200),
    "accounts:clinic_team": (302, 403, 403, 200),
}


def browser_for(persona: str, request: pytest.FixtureRequest) -> Client:
    if persona == "anonymous":
        return Client()
    return signed_in_client(request.getfixturevalue(persona))


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_can_open_which_page(page: str, persona: str, request: pytest.FixtureRequest) -> None:
    response = browser_for(persona, request).get(reverse(page))
    expected = PAGES[page][PERSONAS.index(persona)]
    assert response.status_code == expected, (page, persona)
    if persona == "anonymous":
        assert response.url.startswith(LOGIN)


def test_a_clinic_admin_lands_on_the_team_page(admin_farah: User) -> None:
    assert signed_in_client(admin_farah).get(reverse("accounts:home")).url == reverse("accounts:clinic_team")


def test_the_team_page_lists_only_the_admins_own_clinic(
    admin_farah: User, admin_omar: User, therapist_sana: User
) -> None:
    farahs = signed_in_client(admin_farah).get(reverse("accounts:clinic_team")).content.decode()
    omars = signed_in_client(admin_omar).get(reverse("accounts:clinic_team")).content.decode()
    assert "Dr Sana" in farahs
    assert "Dr Sana" not in omars


@pytest.mark.parametrize(("persona", "status"), [("client_ayesha", 403), ("therapist_sana", 403), ("admin_omar", 404)])
def test_only_the_therapists_own_clinic_admin_can_verify_them(
    persona: str, status: int, therapist_bilal: User, request: pytest.FixtureRequest
) -> None:
    client = signed_in_client(request.getfixturevalue(persona))
    response = client.post(reverse("accounts:clinic_verify", args=[therapist_bilal.pk]), {"verified": "1"})
    assert response.status_code == status
    therapist_bilal.refresh_from_db()
    assert therapist_bilal.clinic_verified_at is None


def test_a_clinic_admin_verifies_and_unverifies_their_therapist(admin_farah: User, therapist_bilal: User) -> None:
    client = signed_in_client(admin_farah)
    url = reverse("accounts:clinic_verify", args=[therapist_bilal.pk])
    assert client.post(url, {"verified": "1"}).status_code == 302
    therapist_bilal.refresh_from_db()
    assert therapist_bilal.clinic_verified_at is not None
    assert therapist_bilal.clinic_verified_by == admin_farah
    client.post(url, {"verified": "0"})
    therapist_bilal.refresh_from_db()
    assert therapist_bilal.clinic_verified_at is None


def test_verifying_a_missing_or_non_therapist_account_is_not_found(admin_farah: User, client_ayesha: User) -> None:
    client = signed_in_client(admin_farah)
    for target in (client_ayesha.pk, admin_farah.pk, 999_999):
        assert client.post(reverse("accounts:clinic_verify", args=[target]), {"verified": "1"}).status_code == 404


def test_an_unverified_therapist_is_told_clients_cannot_find_them_yet(therapist_bilal: User) -> None:
    page = signed_in_client(therapist_bilal).get(reverse("accounts:home")).content.decode()
    assert "has not verified your profile" in page


def test_only_clients_may_turn_two_step_off(client_ayesha: User) -> None:
    assert signed_in_client(client_ayesha).post(reverse("accounts:two_factor_disable")).status_code == 302
