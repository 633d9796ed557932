"""Signing in with an email or a mobile number, and never learning whether an account exists."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import PASSWORD

LOGIN = reverse("accounts:login")


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_client_signs_in_with_email(client: Client, client_ayesha: User) -> None:
    response = sign_in(client, "Ayesha@Example.com ")
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize(
    "typed",
    ["03001234567", "0300-1234567", "+92 300 1234567", "923001234567", "00923001234567", "۰۳۰۰۱۲۳۴۵۶۷", "٠٣٠٠١٢٣٤٥٦٧"],
)
def test_a_client_signs_in_with_a_phone_number_written_any_usual_way(
    client: Client, client_kamran: User, typed: str
) -> None:
    assert sign_in(client, typed).status_code == 302


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(client: Client, client_ayesha: User) -> None:
    wrong = sign_in(client, "ayesha@example.com", "not the password")
    unknown = sign_in(client, "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors
    assert "did not work" in wrong.content.decode()


def test_an_unconfirmed_signup_cannot_sign_in_and_is_not_singled_out(client: Client, client_ayesha: User) -> None:
    client_ayesha.is_active = False
    client_ayesha.save()
    inactive = sign_in(client, "ayesha@example.com")
    unknown = sign_in(client, "nobody@example.com")
    assert inactive.context["form"].errors == unknown.context["form"].errors


def test_sign_in_refuses_an_open_redirect(client: Client, client_ayesha: User) -> None:
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": "ayesha@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_sign_in_follows_a_local_next(client: Client, client_ayesha: User) -> None:
    response = client.post(
        LOGIN, {"username": "ayesha@example.com", "password": PASSWORD, "next": reverse("accounts:account")}
    )
    assert response.url == reverse("accounts:account")


def test_an_empty_form_says_what_is_missing_in_the_users_language(client: Client, db: None) -> None:
    client.cookies["dilasa_lang"] = "ur"
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"username", "password"}
    assert "This field is required." not in response.content.decode()
