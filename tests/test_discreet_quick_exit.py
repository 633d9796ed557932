"""Quick exit without script: the button is a form that signs this browser out and lands on a plain page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core.discreet import sensitive_words_in
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_leaving_signs_out_and_lands_on_the_plain_page(client_ayesha: User) -> None:
    client = signed_in_client(client_ayesha)
    response = client.post(reverse("core:leave"))
    assert response.status_code == 302
    assert response.url == reverse("core:neutral")
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:login"))


def test_leaving_with_a_stale_form_still_lands_on_the_plain_page(client_ayesha: User) -> None:
    """A page older than the sign-in carries an old CSRF token: no error page, and still signed out."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(client_ayesha, backend="dilasa.accounts.backends.LoginIdentifierBackend")
    response = client.post(reverse("core:leave"), {"csrfmiddlewaretoken": "stale"})
    assert response.status_code == 302
    assert response.url == reverse("core:neutral")
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:login"))


def test_only_this_browser_is_signed_out(client_ayesha: User) -> None:
    her_phone, shared_phone = signed_in_client(client_ayesha), signed_in_client(client_ayesha)
    shared_phone.post(reverse("core:leave"))
    assert her_phone.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize("language", ["en", "ur", "pnb", "sd", "ps"])
def test_the_plain_page_says_nothing_of_us(language: str) -> None:
    client = Client()
    client.cookies["dilasa_lang"] = language
    body = client.get(reverse("core:neutral")).content.decode()
    assert "Dilasa" not in body
    assert "دلاسا" not in body
    assert not sensitive_words_in(body)
    assert not re.search(r"<(a|script|form|link rel=\"stylesheet\")\b", body)  # no way back, nothing fetched
    assert '<link rel="icon" href="data:,">' in body  # not even our icon


def test_a_client_may_turn_discreet_mode_off_and_on(client_ayesha: User) -> None:
    client = signed_in_client(client_ayesha)
    assert 'id="qx"' in client.get(reverse("accounts:home")).content.decode()
    assert client.post(reverse("accounts:screen"), {"what": "discreet"}).status_code == 302  # unticked
    client_ayesha.refresh_from_db()
    assert client_ayesha.discreet is False
    assert 'id="qx"' not in client.get(reverse("accounts:home")).content.decode()
    client.post(reverse("accounts:screen"), {"what": "discreet", "discreet": "on"})
    assert 'id="qx"' in client.get(reverse("accounts:home")).content.decode()


def test_the_button_is_labelled_in_the_readers_language(client_ayesha: User) -> None:
    body = signed_in_client(client_ayesha).get(reverse("accounts:home")).content.decode()
    button = re.search(r'<form id="qx".*?<button type="submit">(.*?)</button>', body, re.S)
    assert button
    assert button.group(1).strip()
    assert "js/discreet.js" in body
