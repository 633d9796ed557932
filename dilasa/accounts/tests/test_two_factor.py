"""Therapists and clinic admins must finish two-step sign-in; clients may choose it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from dilasa.accounts.models import User
from dilasa.testing import PASSWORD, add_authenticator, current_totp

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
HOME = reverse("accounts:home")


def wait_out_throttle(device: TOTPDevice) -> None:
    """As if the person took a minute to retype: django-otp's delay after a failure has passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))


def password_step(client: Client, login: str):
    return client.post(LOGIN, {"username": login, "password": PASSWORD})


def test_a_therapist_without_an_authenticator_must_set_one_up_first(client: Client, therapist_sana: User) -> None:
    assert password_step(client, "sana@example.com").url == SETUP
    for page in (HOME, reverse("accounts:account"), reverse("accounts:password_change")):
        assert client.get(page).url == SETUP, page
    page = client.get(SETUP)
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn inline: no third-party request


def test_setting_up_with_a_real_code_turns_it_on_and_shows_recovery_codes_once(
    client: Client, therapist_sana: User
) -> None:
    password_step(client, "sana@example.com")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=therapist_sana, confirmed=False)
    response = client.post(SETUP, {"code": current_totp(device)})
    assert response.url == reverse("accounts:recovery_codes")
    codes_page = client.get(response.url)
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", codes_page.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("accounts:recovery_codes")).url == reverse("accounts:account")  # never shown again
    assert client.get(HOME).status_code == 200


def test_a_wrong_setup_code_is_refused_with_a_clear_message(client: Client, therapist_sana: User) -> None:
    password_step(client, "sana@example.com")
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=therapist_sana, confirmed=True).exists()


def test_a_therapist_with_an_authenticator_needs_its_code(client: Client, therapist_sana: User) -> None:
    device = add_authenticator(therapist_sana)
    assert password_step(client, "sana@example.com").url == VERIFY
    assert client.get(HOME).url == VERIFY
    assert client.get(SETUP).url == VERIFY  # cannot swap in a new authenticator without the old one
    wrong = client.post(VERIFY, {"code": "123456"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors
    wait_out_throttle(device)
    assert client.post(VERIFY, {"code": current_totp(device)}).url == HOME
    assert client.get(HOME).status_code == 200


def test_a_code_typed_in_urdu_digits_works(client: Client, therapist_sana: User) -> None:
    device = add_authenticator(therapist_sana)
    password_step(client, "sana@example.com")
    urdu = current_totp(device).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert client.post(VERIFY, {"code": urdu}).url == HOME


def test_a_recovery_code_works_once(client: Client, therapist_sana: User) -> None:
    add_authenticator(therapist_sana)
    from dilasa.accounts.two_factor import recovery_codes_regenerate

    code = recovery_codes_regenerate(user=therapist_sana)[0]
    password_step(client, "sana@example.com")
    assert client.post(VERIFY, {"code": code.upper()}).url == HOME
    other = Client()
    password_step(other, "sana@example.com")
    assert other.post(VERIFY, {"code": code}).status_code == 200
    assert other.get(HOME).url == VERIFY


def test_guessing_codes_is_throttled(client: Client, therapist_sana: User) -> None:
    device = add_authenticator(therapist_sana)
    password_step(client, "sana@example.com")
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    # django-otp now makes the device wait; even the right code fails until the delay passes.
    assert client.post(VERIFY, {"code": current_totp(device)}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1  # attempts inside the delay are refused unchecked
    wait_out_throttle(device)
    assert client.post(VERIFY, {"code": current_totp(device)}).url == HOME


@pytest.mark.parametrize("persona", ["admin_farah", "therapist_sana"])
def test_staff_cannot_turn_two_step_off(persona: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(persona)
    from dilasa.testing import signed_in_client

    client = signed_in_client(user)
    assert client.post(reverse("accounts:two_factor_disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_a_client_signs_in_with_a_password_alone_until_they_turn_two_step_on(
    client: Client, client_ayesha: User
) -> None:
    assert password_step(client, "ayesha@example.com").url == HOME
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=client_ayesha)
    client.post(SETUP, {"code": current_totp(device)})
    client.post(reverse("accounts:logout"))

    fresh = Client()
    assert password_step(fresh, "ayesha@example.com").url == VERIFY
    assert fresh.get(HOME).url == VERIFY


def test_a_client_can_turn_two_step_off_again(client: Client, client_ayesha: User) -> None:
    password_step(client, "ayesha@example.com")
    client.get(SETUP)
    client.post(SETUP, {"code": current_totp(TOTPDevice.objects.get(user=client_ayesha))})
    assert client.post(reverse("accounts:two_factor_disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=client_ayesha).exists()
