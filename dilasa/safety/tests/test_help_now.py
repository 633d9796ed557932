""" "I need help now": one press (a plain form, no JavaScript needed) shows the help page at once and tells the
client's care team; the help page itself opens for anyone."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.safety.models import Flag, FlagSource
from dilasa.testing import run_together, signed_in_client

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_help_page_with_numbers_to_tap() -> None:
    page = Client().get(reverse("safety:crisis"), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    text = page.content.decode()
    for number in ('href="tel:1122"', 'href="tel:15"', 'href="tel:+923117786264"', 'href="tel:1166"'):
        assert number in text
    assert "nearest hospital emergency" in text
    assert "Stay with someone you trust" in text
    assert reverse("safety:help_now") not in text.split("<main", 1)[1]  # no form for someone not signed in
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]


def test_the_help_page_is_in_the_readers_language(client_ayesha: User) -> None:
    page = signed_in_client(client_ayesha).get(reverse("safety:crisis"))  # Ayesha reads Urdu

    assert page.status_code == 200
    assert page["Content-Language"] == "ur"
    assert 'lang="ur"' in page.content.decode()


def test_every_page_has_the_button_for_a_client_and_a_link_for_others(ayesha: User) -> None:
    home = signed_in_client(ayesha).get(reverse("accounts:home")).content.decode()
    landing = Client().get(reverse("core:landing"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'action="{reverse("safety:help_now")}"' in home
    assert "I need help now" in home
    assert f'href="{reverse("safety:crisis")}"' in landing


def test_pressing_the_button_shows_help_and_tells_the_care_team(ayesha: User, therapist_sana: User, on_commit) -> None:
    browser = signed_in_client(ayesha)
    with on_commit():
        pressed = browser.post(reverse("safety:help_now"), follow=True)

    assert pressed.redirect_chain == [(reverse("safety:crisis"), 302)]
    text = pressed.content.decode()
    assert "Your therapist and your clinic have been told" in text
    assert 'href="tel:1122"' in text
    flag = Flag.objects.get()
    assert (flag.client, flag.source, flag.raised_by) == (ayesha, FlagSource.HELP_BUTTON, ayesha)
    assert therapist_sana.login in [m.to[0] for m in mail.outbox]
    event = AccessEvent.objects.get(target=f"safety.flag:{flag.pk}")
    assert (event.actor, event.action, event.purpose) == (ayesha, Action.WRITE, Purpose.OWN)


def test_after_pressing_the_page_says_the_team_was_told_instead_of_a_second_button(ayesha: User) -> None:
    browser = signed_in_client(ayesha)
    browser.post(reverse("safety:help_now"))
    page = browser.get(reverse("safety:crisis")).content.decode()

    assert "Your care team has been told" in page
    assert "Tell my therapist I need help now" not in page


def test_pressing_twice_raises_one_flag_and_one_notice_each(
    ayesha: User, therapist_sana: User, admin_farah: User, on_commit
) -> None:
    browser = signed_in_client(ayesha)
    with on_commit():
        first = browser.post(reverse("safety:help_now"))
        second = browser.post(reverse("safety:help_now"))

    assert (first.status_code, second.status_code) == (302, 302)
    assert Flag.objects.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([therapist_sana.login, admin_farah.login])


def test_a_client_with_no_therapist_is_told_plainly_that_nobody_was_told(client_kamran: User) -> None:
    pressed = signed_in_client(client_kamran).post(reverse("safety:help_now"), follow=True)

    assert "nobody has been told" in pressed.content.decode()
    assert Flag.objects.filter(client=client_kamran).count() == 1  # kept: a therapist booked later will see it
    assert not mail.outbox


def test_signed_out_the_button_leads_to_the_help_page_and_raises_nothing() -> None:
    pressed = Client().post(reverse("safety:help_now"))

    assert pressed.status_code == 302
    assert pressed["Location"] == reverse("safety:crisis")
    assert not Flag.objects.exists()


def test_staff_cannot_raise_one_for_themselves(therapist_sana: User) -> None:
    assert signed_in_client(therapist_sana).post(reverse("safety:help_now")).status_code == 403
    assert not Flag.objects.exists()


def test_get_is_not_a_press(ayesha: User) -> None:
    assert signed_in_client(ayesha).get(reverse("safety:help_now")).status_code == 405
    assert not Flag.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_instant_raise_one_flag(ayesha: User) -> None:
    browsers = [signed_in_client(ayesha), signed_in_client(ayesha)]
    results = run_together([lambda b=b: b.post(reverse("safety:help_now")).status_code for b in browsers])

    assert results == [302, 302]
    assert Flag.objects.count() == 1
