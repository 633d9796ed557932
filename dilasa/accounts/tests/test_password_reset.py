"""Forgotten passwords are reset by a link sent to the email or phone; the page never confirms an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.testing import PASSWORD

RESET = reverse("accounts:password_reset")


@pytest.fixture
def ask(on_commit):
    def post(client: Client, identifier: str):
        with on_commit():
            return client.post(RESET, {"identifier": identifier})

    return post


def reset_path(text: str) -> str:
    match = re.search(r"127\.0\.0\.1:8000(/reset/[^\s]+/[^\s]+/)", text)
    assert match, text
    return match.group(1)


def test_a_reset_link_by_email_sets_a_new_password_and_ends_old_sessions(
    client: Client, client_ayesha: User, ask
) -> None:
    old_session = Client()
    old_session.post(reverse("accounts:login"), {"username": "ayesha@example.com", "password": PASSWORD})

    assert ask(client, "ayesha@example.com").url == reverse("accounts:password_reset_sent")
    path = reset_path(mail.outbox[0].body)
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "river stones shine", "new_password2": "river stones shine"})
    assert done.url == reverse("accounts:password_reset_done")
    client_ayesha.refresh_from_db()
    assert client_ayesha.check_password("river stones shine")
    assert old_session.get(reverse("accounts:home")).status_code == 302
    # The link is spent.
    assert not Client().get(path, follow=True).context["validlink"]


def test_a_reset_link_goes_by_sms_to_a_phone_account(client: Client, client_kamran: User, ask) -> None:
    ask(client, "0300 1234567")
    assert len(LocmemSmsBackend.outbox) == 1
    assert "/reset/" in LocmemSmsBackend.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_sent(client: Client, client_ayesha: User, ask) -> None:
    known = ask(client, "ayesha@example.com")
    unknown = ask(Client(), "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox] == [["ayesha@example.com"]]


def test_a_malformed_address_gets_a_clear_error(client: Client, db: None, ask) -> None:
    response = ask(client, "ayesha@")
    assert response.status_code == 200
    assert response.context["form"].errors["identifier"]
