"""Sessions end after 30 idle minutes or 12 hours; signing out or changing a password ends the others."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dilasa.accounts.middleware import AUTH_AT, SEEN_AT
from dilasa.accounts.models import User
from dilasa.testing import PASSWORD

LOGIN = reverse("accounts:login")
HOME = reverse("accounts:home")


def signed_in(login: str) -> Client:
    client = Client()
    assert client.post(LOGIN, {"username": login, "password": PASSWORD}).status_code == 302
    return client


def shift_clock(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_the_defaults_are_thirty_idle_minutes_and_twelve_hours() -> None:
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_thirty_idle_minutes_sign_a_person_out(client_ayesha: User) -> None:
    client = signed_in("ayesha@example.com")
    shift_clock(client, SEEN_AT, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get(HOME).status_code == 200  # still inside the window, and the visit resets it
    shift_clock(client, SEEN_AT, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert client.get(HOME).url.startswith(LOGIN)


def test_activity_keeps_a_session_alive_but_not_past_twelve_hours(client_ayesha: User) -> None:
    client = signed_in("ayesha@example.com")
    shift_clock(client, AUTH_AT, settings.SESSION_ABSOLUTE_SECONDS - 60)
    assert client.get(HOME).status_code == 200
    shift_clock(client, AUTH_AT, 61)
    assert client.get(HOME).url.startswith(LOGIN)


def test_signing_out_ends_every_session_of_that_person(client_ayesha: User) -> None:
    phone, laptop = signed_in("ayesha@example.com"), signed_in("ayesha@example.com")
    assert laptop.get(HOME).status_code == 200
    phone.post(reverse("accounts:logout"))
    assert phone.get(HOME).url.startswith(LOGIN)
    assert laptop.get(HOME).url.startswith(LOGIN)


def test_signing_out_needs_a_post(client_ayesha: User) -> None:
    client = signed_in("ayesha@example.com")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME).status_code == 200


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(client_ayesha: User) -> None:
    here, elsewhere = signed_in("ayesha@example.com"), signed_in("ayesha@example.com")
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "mangoes in july", "new_password2": "mangoes in july"},
    )
    assert response.status_code == 302
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME).url.startswith(LOGIN)


@pytest.mark.parametrize(
    ("old", "new1", "new2", "field"),
    [
        ("wrong", "mangoes in july", "mangoes in july", "old_password"),
        (PASSWORD, "mangoes in july", "mangoes in june", "new_password2"),
        (PASSWORD, "password", "password", "new_password2"),
    ],
)
def test_a_bad_password_change_says_why_and_changes_nothing(
    client_ayesha: User, old: str, new1: str, new2: str, field: str
) -> None:
    client = signed_in("ayesha@example.com")
    response = client.post(
        reverse("accounts:password_change"), {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    client_ayesha.refresh_from_db()
    assert client_ayesha.check_password(PASSWORD)
