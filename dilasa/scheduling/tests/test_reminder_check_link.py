"""A reminder email for a call offers the device check; other reminders, and every SMS, do not."""

from __future__ import annotations

import pytest
from django.conf import settings

from dilasa.accounts.models import User
from dilasa.scheduling.models import Mode, ReminderChannel, ReminderChannels, ReminderPreference
from dilasa.scheduling.reminders import reminder_render
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book

pytestmark = pytest.mark.urls(NOTICE_URLS)


def render(client: User, therapist: User, *, mode: str, channel: str) -> str:
    appointment = book(client, therapist, mode=mode)
    preference = ReminderPreference(user=client, channels=ReminderChannels.BOTH)
    return reminder_render(appointment=appointment, user=client, preference=preference, channel=channel).body


@pytest.mark.parametrize("mode", [Mode.VIDEO, Mode.AUDIO])
def test_a_call_reminder_email_links_the_device_check(client_kamran: User, therapist_sana: User, mode: str) -> None:
    body = render(client_kamran, therapist_sana, mode=mode, channel=ReminderChannel.EMAIL)
    assert f"{settings.SITE_URL}/check/" in body


@pytest.mark.parametrize("mode", [Mode.TEXT, Mode.IN_PERSON])
def test_no_check_link_when_there_is_no_call(client_kamran: User, therapist_sana: User, mode: str) -> None:
    body = render(client_kamran, therapist_sana, mode=mode, channel=ReminderChannel.EMAIL)
    assert "/check/" not in body


def test_an_sms_stays_short(client_kamran: User, therapist_sana: User) -> None:
    body = render(client_kamran, therapist_sana, mode=Mode.VIDEO, channel=ReminderChannel.SMS)
    assert "/check/" not in body
