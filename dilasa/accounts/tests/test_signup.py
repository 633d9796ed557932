"""A client joins with a chosen name and an email or phone; nobody learns who already has an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import Role, User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.testing import PASSWORD

SIGNUP = reverse("accounts:signup")
SENT = reverse("accounts:signup_sent")


@pytest.fixture
def join(on_commit):
    def post(client: Client, identifier: str, *, name: str = "Noor", password: str = "green tea at sunset"):
        with on_commit():
            return client.post(SIGNUP, {"display_name": name, "identifier": identifier, "password": password})

    return post


def link_in(text: str) -> str:
    match = re.search(r"http://[^\s]+/join/confirm/[^\s]+/", text)
    assert match, text
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def test_joining_by_email_sends_a_link_and_the_link_opens_the_account(client: Client, db: None, join) -> None:
    response = join(client, "Noor@Example.com")
    assert response.status_code == 302
    assert response.url == SENT
    user = User.objects.get(login="noor@example.com")
    assert (user.role, user.is_active, user.display_name) == (Role.CLIENT, False, "Noor")
    assert len(mail.outbox) == 1
    path = link_in(mail.outbox[0].body)

    # Opening the link only shows a button, so link scanners cannot activate accounts.
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert not user.is_active

    confirmed = client.post(path)
    assert confirmed.url == reverse("accounts:home")
    user.refresh_from_db()
    assert user.is_active
    assert user.verified_at is not None
    assert client.get(reverse("accounts:home")).status_code == 200


def test_a_confirmation_link_works_once(client: Client, db: None, join) -> None:
    join(client, "noor@example.com")
    path = link_in(mail.outbox[0].body)
    client.post(path)
    again = Client().post(path)
    assert again.status_code == 400


def test_a_forged_link_does_nothing(client: Client, db: None, join) -> None:
    join(client, "noor@example.com")
    assert client.post(reverse("accounts:signup_verify", kwargs={"token": "forged:token"})).status_code == 400
    assert not User.objects.get(login="noor@example.com").is_active


def test_joining_by_phone_sends_an_sms_and_needs_no_email(client: Client, db: None, join) -> None:
    response = join(client, "0333 765 4321")
    assert response.url == SENT
    assert User.objects.get(login="+923337654321").login_kind == "phone"
    assert len(LocmemSmsBackend.outbox) == 1
    assert LocmemSmsBackend.outbox[0].to == "+923337654321"
    assert not mail.outbox


def test_joining_with_a_taken_address_looks_the_same_and_warns_the_owner(
    client: Client, client_ayesha: User, join
) -> None:
    taken = join(client, "ayesha@example.com", name="Someone")
    fresh = join(Client(), "new@example.com", name="Someone")
    assert taken.status_code == fresh.status_code == 302
    assert taken.url == fresh.url == SENT
    client_ayesha.refresh_from_db()
    assert client_ayesha.display_name == "Ayesha"
    assert client_ayesha.check_password(PASSWORD)
    to_ayesha = [m for m in mail.outbox if m.to == ["ayesha@example.com"]]
    assert len(to_ayesha) == 1
    assert "/join/confirm/" not in to_ayesha[0].body


def test_whoever_owns_the_inbox_finishes_a_pending_signup_with_their_own_password(
    client: Client, db: None, join
) -> None:
    join(client, "noor@example.com", password="squatter password 1")
    join(Client(), "noor@example.com", password="the owners password")
    user = User.objects.get(login="noor@example.com")
    assert user.check_password("the owners password")
    first_link, second_link = link_in(mail.outbox[0].body), link_in(mail.outbox[1].body)
    assert Client().post(first_link).status_code == 400  # the earlier link no longer works
    assert Client().post(second_link).status_code == 302


def test_bad_input_gets_clear_errors_and_creates_nothing(client: Client, db: None, join) -> None:
    cases = {
        "not-an-email@": "identifier",
        "12345": "identifier",
    }
    for identifier, field in cases.items():
        response = join(client, identifier)
        assert response.status_code == 200
        assert field in response.context["form"].errors
    for password in ("short", "password123", "noor@example.com"):
        response = join(client, "noor@example.com", password=password)
        assert "password" in response.context["form"].errors, password
    response = client.post(SIGNUP, {"display_name": "   ", "identifier": "noor@example.com", "password": "x" * 300})
    assert {"display_name", "password"} <= set(response.context["form"].errors)
    assert not User.objects.exists()
    assert not mail.outbox


def test_errors_come_in_the_language_the_person_chose(client: Client, db: None, join) -> None:
    client.cookies["dilasa_lang"] = "ur"
    response = join(client, "12345")
    error = response.context["form"].errors["identifier"][0]
    assert re.search(r"[\u0600-\u06ff]", error), error


def test_the_verification_message_is_in_the_language_the_person_chose(client: Client, db: None, join) -> None:
    client.cookies["dilasa_lang"] = "ur"
    join(client, "noor@example.com")
    assert re.search(r"[\u0600-\u06ff]", mail.outbox[0].body)
