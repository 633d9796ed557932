"""Reminders are discreet: in every language and wording, nothing says what the appointment is for."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.scheduling.models import ReminderChannel, ReminderChannels, ReminderPreference, ReminderWording
from dilasa.scheduling.reminders import CLINICAL_WORDS, reminder_preference_update, reminder_render, reminder_send
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book, clinical_words_in

pytestmark = pytest.mark.urls(NOTICE_URLS)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PRESETS = [w for w in ReminderWording if w != ReminderWording.CUSTOM]
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
LATIN_LETTERS = re.compile(r"[A-Za-z]")


def test_the_word_list_covers_english_and_urdu() -> None:
    for word in ("therapy", "therapist", "psychologist", "psychiatric", "counselling", "counseling", "mental"):
        assert clinical_words_in(word), word
    for word in ("تھراپی", "نفسیات", "ذہنی", "کونسلنگ", "ماہر نفسیات", "سیشن"):
        assert word in CLINICAL_WORDS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("wording", PRESETS)
@pytest.mark.parametrize("channel", list(ReminderChannel))
def test_no_rendered_reminder_has_a_clinical_word(
    client_ayesha: User, therapist_sana: User, language: str, wording: str, channel: str
) -> None:
    client_ayesha.language = language
    appointment = book(client_ayesha, therapist_sana)
    preference = ReminderPreference(user=client_ayesha, channels=ReminderChannels.BOTH, wording=wording)
    notice = reminder_render(appointment=appointment, user=client_ayesha, preference=preference, channel=channel)
    assert clinical_words_in(notice.subject) == []
    assert clinical_words_in(notice.body) == []
    assert therapist_sana.display_name not in notice.body


@pytest.mark.parametrize("wording", PRESETS)
def test_urdu_readers_get_urdu(client_ayesha: User, therapist_sana: User, wording: str) -> None:
    appointment = book(client_ayesha, therapist_sana)
    preference = ReminderPreference(user=client_ayesha, channels=ReminderChannels.EMAIL, wording=wording)
    notice = reminder_render(appointment=appointment, user=client_ayesha, preference=preference, channel="email")
    assert client_ayesha.language == "ur"
    words = re.sub(r"\b(AM|PM)\b", "", notice.subject)  # CLDR's Urdu time format keeps AM/PM
    assert ARABIC_SCRIPT.search(words), notice.subject
    assert not LATIN_LETTERS.search(words), f"not translated: {notice.subject}"
    body = re.sub(r"https?://\S+|\b(AM|PM)\b", "", notice.body)
    assert not LATIN_LETTERS.search(body), f"not translated: {notice.body}"


def test_her_own_words_with_the_time_where_she_put_it(client_ayesha: User, therapist_sana: User) -> None:
    reminder_preference_update(
        user=client_ayesha, channels=ReminderChannels.EMAIL, wording=ReminderWording.CUSTOM, custom_text="Chai  {time}!"
    )
    appointment = book(client_ayesha, therapist_sana)
    reminder_send(appointment_id=appointment.pk, kind="24h", now=appointment.starts_at - timedelta(hours=23))
    from django.core import mail

    (email,) = mail.outbox
    assert email.subject.startswith("Chai ")
    assert email.subject.endswith("!")
    assert "{time}" not in email.subject


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "custom_text"),
        ("x" * 81, "custom_text"),
        ("See https://evil.example/x", "custom_text"),
        ("go to www.example", "custom_text"),
        ("bit.ly/abc at {time}", "custom_text"),
        ("{date} meeting", "custom_text"),
    ],
)
def test_her_own_words_are_short_plain_and_without_links(client_ayesha: User, text: str, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        reminder_preference_update(
            user=client_ayesha, channels=ReminderChannels.EMAIL, wording=ReminderWording.CUSTOM, custom_text=text
        )
    assert code in raised.value.message_dict


def test_long_words_in_urdu_fit_when_they_are_within_the_limit(client_ayesha: User) -> None:
    text = "یاد دہانی " * 8  # 80 characters with the spaces, trimmed to 79
    saved = reminder_preference_update(
        user=client_ayesha, channels=ReminderChannels.EMAIL, wording=ReminderWording.CUSTOM, custom_text=text
    )
    assert saved.custom_text == text.strip()
