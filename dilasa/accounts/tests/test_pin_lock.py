"""The optional PIN lock: after the client's idle minutes the session is locked on the server until the PIN."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from dilasa.accounts import pin_lock
from dilasa.accounts.middleware import AUTH_AT, SEEN_AT
from dilasa.accounts.models import User
from dilasa.testing import PASSWORD, run_together, signed_in_client

pytestmark = pytest.mark.django_db
PIN = "2468"


@pytest.fixture
def ayesha(client_ayesha: User) -> User:
    client_ayesha.language = "en"
    client_ayesha.save()
    pin_lock.pin_set(user=client_ayesha, pin=PIN, idle_minutes=5)
    return client_ayesha


def idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session.setdefault(AUTH_AT, int(time.time()))
    session[SEEN_AT] = int(time.time() - minutes * 60)
    session.save()


def test_the_pin_is_stored_only_as_a_hash(ayesha: User) -> None:
    ayesha.refresh_from_db()
    assert PIN not in ayesha.pin_hash
    assert check_password(PIN, ayesha.pin_hash)


@pytest.mark.parametrize(
    ("pin", "again", "field"),
    [("12a4", "12a4", "pin"), ("123", "123", "pin"), ("1234567", "1234567", "pin"), ("1234", "4321", "pin_again")],
)
def test_a_bad_pin_is_refused_with_a_clear_word(client_ayesha: User, pin: str, again: str, field: str) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    response = signed_in_client(client_ayesha).post(
        reverse("accounts:screen"), {"what": "pin", "pin": pin, "pin_again": again, "idle_minutes": "5"}
    )
    assert response.status_code == 400
    assert response.context["pin_form"].errors[field]
    client_ayesha.refresh_from_db()
    assert client_ayesha.pin_hash == ""


def test_a_client_sets_a_pin_in_urdu_digits(client_ayesha: User) -> None:
    response = signed_in_client(client_ayesha).post(
        reverse("accounts:screen"), {"what": "pin", "pin": "۲۴۶۸", "pin_again": "۲۴۶۸", "idle_minutes": "2"}
    )
    assert response.status_code == 302
    client_ayesha.refresh_from_db()
    assert check_password("2468", client_ayesha.pin_hash)
    assert client_ayesha.pin_idle_minutes == 2


def test_staff_cannot_set_a_pin(therapist_sana: User) -> None:
    response = signed_in_client(therapist_sana).get(reverse("accounts:screen"))
    assert response.status_code == 403


def test_within_the_idle_minutes_nothing_is_asked(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 4)
    assert client.get(reverse("messaging:inbox")).status_code == 200


def test_after_the_idle_minutes_every_page_asks_for_the_pin_and_shows_nothing(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 6)
    response = client.get(reverse("messaging:inbox"))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:unlock')}?next=%2Fmessages%2F"
    # Still locked on the next request, whatever the page: the lock is in the session, not in the page.
    for name in ("accounts:home", "scheduling:my_appointments", "rights:mine", "accounts:screen"):
        assert client.get(reverse(name)).url.startswith(reverse("accounts:unlock")), name
    page = client.get(response.url)
    body = page.content.decode()
    assert "<title>Dilasa</title>" in body
    assert ayesha.display_name not in body
    assert "<nav" not in body
    assert 'href="/messages/"' not in body
    assert 'id="qx"' in body  # leaving quickly still works
    assert 'js/discreet.js" defer>' in body  # without the idle timer: the PIN page does not lock itself


def test_a_locked_session_changes_nothing(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 6)
    response = client.post(reverse("accounts:screen"), {"what": "pin_off"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:unlock")
    ayesha.refresh_from_db()
    assert ayesha.pin_hash


def test_help_and_the_ways_out_stay_open_while_locked(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 6)
    assert client.get(reverse("safety:crisis")).status_code == 200
    assert client.get(reverse("core:neutral")).status_code == 200
    assert client.post(reverse("core:leave")).url == reverse("core:neutral")


def test_the_right_pin_opens_the_page_asked_for(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 6)
    client.get(reverse("messaging:inbox"))
    response = client.post(reverse("accounts:unlock"), {"pin": PIN, "next": "/messages/"})
    assert response.status_code == 302
    assert response.url == "/messages/"
    assert client.get(reverse("messaging:inbox")).status_code == 200


def test_opening_the_pin_page_locks_at_once(ayesha: User) -> None:
    """The page's own idle timer sends people to the PIN page; from then on the server holds the lock."""
    client = signed_in_client(ayesha)
    assert client.get(reverse("accounts:unlock")).status_code == 200
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:unlock"))


def test_typing_on_the_page_counts_as_being_there(ayesha: User) -> None:
    client = signed_in_client(ayesha)
    idle_for(client, 4)
    assert client.post(reverse("accounts:still_here")).status_code == 204
    idle_for(client, 0)  # what the middleware now records (it writes the time at most once a minute)
    assert client.get(reverse("messaging:inbox")).status_code == 200


def test_five_wrong_pins_sign_out_everywhere_until_the_password(ayesha: User) -> None:
    client, other_device = signed_in_client(ayesha), signed_in_client(ayesha)
    idle_for(client, 6)
    for _ in range(pin_lock.MAX_FAILURES - 1):
        wrong = client.post(reverse("accounts:unlock"), {"pin": "0000"})
        assert wrong.status_code == 400
        assert "That PIN is not right." in wrong.content.decode()
    last = client.post(reverse("accounts:unlock"), {"pin": "0000"})
    assert last.url == reverse("accounts:login")
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:login"))
    assert other_device.get(reverse("accounts:home")).url.startswith(reverse("accounts:login"))
    # Even the right PIN is refused now: only the password lets her back in, and that forgives the count.
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": ayesha.login, "password": PASSWORD})
    ayesha.refresh_from_db()
    assert ayesha.pin_failures == 0
    assert fresh.get(reverse("accounts:home")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_simultaneous_guesses_cannot_exceed_the_limit(ayesha: User) -> None:
    checked: list[str] = []
    real = pin_lock.check_password

    def counting(pin: str, hashed: str) -> bool:
        checked.append(pin)
        return real(pin, hashed)

    with mock.patch.object(pin_lock, "check_password", counting):
        results = run_together([lambda: pin_lock.pin_try(user=ayesha, pin="1111") for _ in range(12)])
    assert all(isinstance(r, pin_lock.Attempt) for r in results), results
    assert len(checked) <= pin_lock.MAX_FAILURES
    assert pin_lock.Attempt.SIGNED_OUT in results
