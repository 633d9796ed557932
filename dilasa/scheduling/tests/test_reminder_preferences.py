"""Clients choose how they are reminded and in what words, on /account/reminders/."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.scheduling.models import ReminderChannels, ReminderPreference, ReminderWording
from dilasa.scheduling.reminders import reminder_addresses, reminder_preference_for
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.urls(NOTICE_URLS)

URL = "/account/reminders/"


def test_by_default_reminders_go_where_she_signs_in(client_ayesha: User, client_kamran: User) -> None:
    assert reminder_preference_for(client_ayesha).channels == ReminderChannels.EMAIL
    assert reminder_preference_for(client_kamran).channels == ReminderChannels.SMS
    ayesha = reminder_preference_for(client_ayesha)
    assert [(a.channel, a.to) for a in reminder_addresses(client_ayesha, ayesha)] == [("email", "ayesha@example.com")]


def test_the_page_shows_her_choices_and_an_example(client_ayesha: User) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    page = signed_in_client(client_ayesha).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'<input type="radio" name="channels" value="email"[^>]* checked>', html)
    assert re.search(r'<input type="radio" name="wording" value="appointment"[^>]* checked>', html)
    assert 'name="phone"' in html  # she signs in with email, so the other channel needs a number
    assert 'name="email"' not in html
    assert "no-store" in page["Cache-Control"]
    assert page.context["example"].startswith("Reminder: your appointment at ")


def test_she_chooses_text_messages_with_a_number(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    response = browser.post(
        URL, {"channels": "both", "wording": "dilasa", "phone": "۰۳۰۰ ۱۲۳۴۵۶۷", "custom_text": "ignored"}
    )
    assert response.status_code == 302
    saved = ReminderPreference.objects.get(user=client_ayesha)
    assert (saved.channels, saved.wording, saved.phone, saved.custom_text) == ("both", "dilasa", "+923001234567", "")


def test_text_messages_need_a_number(client_ayesha: User) -> None:
    response = signed_in_client(client_ayesha).post(URL, {"channels": "sms", "wording": "appointment"})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not ReminderPreference.objects.exists()


def test_kamran_adds_an_email_address(client_kamran: User) -> None:
    response = signed_in_client(client_kamran).post(
        URL, {"channels": "email", "wording": "custom", "custom_text": "Chai at {time}", "email": "K@Example.com"}
    )
    assert response.status_code == 302
    saved = ReminderPreference.objects.get(user=client_kamran)
    assert (saved.channels, saved.email, saved.custom_text) == ("email", "k@example.com", "Chai at {time}")
    assert [a.to for a in reminder_addresses(client_kamran, saved)] == ["k@example.com"]


def test_a_link_in_her_own_words_is_refused_on_the_page(client_ayesha: User) -> None:
    response = signed_in_client(client_ayesha).post(
        URL, {"channels": "email", "wording": ReminderWording.CUSTOM, "custom_text": "see http://x.example"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["custom_text"]


def test_a_therapist_sees_only_the_calendar_part(therapist_sana: User) -> None:
    response = signed_in_client(therapist_sana).get(URL)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert reverse("scheduling_notices:calendar_link_new") in response.content.decode()


def test_clinic_admins_and_strangers_have_no_reminder_page(admin_farah: User) -> None:
    assert signed_in_client(admin_farah).get(URL).status_code == 403
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("accounts:login"))
