"""Repeated wrong passwords slow an attacker down without letting them lock a client out for good."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import PASSWORD

LOGIN = reverse("accounts:login")


def attempt(client: Client, username: str, password: str = "wrong guess", ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_until_locked(client: Client, username: str, ip: str = "10.0.0.1") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, ip=ip)


def test_too_many_failures_lock_that_username_from_that_address(client: Client, client_ayesha: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "ayesha@example.com").status_code == 200
    assert attempt(client, "ayesha@example.com").status_code == 429
    # Even the right password waits out the cool-off.
    locked = attempt(client, "ayesha@example.com", PASSWORD)
    assert locked.status_code == 429
    assert "too many tries" in locked.content.decode()


def test_the_same_number_written_differently_counts_as_one_username(client: Client, client_kamran: User) -> None:
    for typed in ("03001234567", "+923001234567", "0300-1234567", "923001234567", "۰۳۰۰۱۲۳۴۵۶۷"):
        attempt(client, typed)
    assert attempt(client, "+92 300 1234567", PASSWORD).status_code == 429


def test_an_attacker_elsewhere_cannot_lock_the_client_out(client: Client, client_ayesha: User) -> None:
    fail_until_locked(client, "ayesha@example.com", ip="203.0.113.9")
    response = attempt(Client(), "ayesha@example.com", PASSWORD, ip="10.0.0.1")
    assert response.status_code == 302


def test_other_people_on_the_same_network_can_still_sign_in(
    client: Client, client_ayesha: User, client_kamran: User
) -> None:
    fail_until_locked(client, "ayesha@example.com")
    assert attempt(Client(), "03001234567", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client: Client, client_ayesha: User) -> None:
    fail_until_locked(client, "ayesha@example.com")
    assert attempt(client, "ayesha@example.com", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, "ayesha@example.com", PASSWORD).status_code == 302


def test_a_lockout_looks_the_same_for_an_account_that_does_not_exist(client: Client, client_ayesha: User) -> None:
    fail_until_locked(client, "ayesha@example.com")
    fail_until_locked(client, "ghost@example.com")
    real = attempt(client, "ayesha@example.com")
    ghost = attempt(client, "ghost@example.com")
    assert real.status_code == ghost.status_code == 429
    assert [t.name for t in real.templates] == [t.name for t in ghost.templates]
    assert "accounts/locked_out.html" in [t.name for t in real.templates]


def test_a_successful_sign_in_clears_earlier_failures(client: Client, client_ayesha: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "ayesha@example.com")
    assert attempt(client, "ayesha@example.com", PASSWORD).status_code == 302
    other = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(other, "ayesha@example.com").status_code == 200
