"""Reminders reach the client a day and an hour before, on the channels they chose, once, and never when cancelled."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone, translation

from dilasa.accounts.models import User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.scheduling import services
from dilasa.scheduling.models import DeliveryStatus, ReminderChannels, ReminderDelivery, ReminderKind, ReminderWording
from dilasa.scheduling.reminders import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    local_when,
    reminder_preference_update,
    reminder_send,
    reminders_send_due,
)
from dilasa.scheduling.testing import karachi
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book

pytestmark = pytest.mark.urls(NOTICE_URLS)

DAY = ReminderKind.DAY_BEFORE
HOUR = ReminderKind.HOUR_BEFORE


def test_booking_sends_nothing_at_once_with_the_immediate_backend(
    client_ayesha: User, therapist_sana: User, on_commit
) -> None:
    with on_commit():
        book(client_ayesha, therapist_sana)
    assert mail.outbox == []
    assert LocmemSmsBackend.outbox == []
    assert not ReminderDelivery.objects.exists()


def test_a_day_before_ayesha_gets_an_email_in_her_language_and_time_zone(
    client_ayesha: User, therapist_sana: User
) -> None:
    client_ayesha.time_zone = "Europe/London"
    client_ayesha.save()
    appointment = book(client_ayesha, therapist_sana)
    outcome = reminder_send(appointment_id=appointment.pk, kind=DAY, now=appointment.starts_at - timedelta(hours=23))
    assert outcome.sent == 1
    (email,) = mail.outbox
    assert email.to == ["ayesha@example.com"]
    with translation.override("ur"), timezone.override(ZoneInfo("Europe/London")):
        expected = local_when(appointment.starts_at)
    assert expected in email.subject
    assert f"/appointments/{appointment.pk}/" in email.body
    assert "/account/reminders/" in email.body
    assert therapist_sana.display_name not in email.body


def test_kamran_signs_in_with_his_phone_so_he_gets_a_text(client_kamran: User, therapist_sana: User) -> None:
    appointment = book(client_kamran, therapist_sana)
    reminder_send(appointment_id=appointment.pk, kind=HOUR, now=appointment.starts_at - timedelta(minutes=59))
    (sms,) = LocmemSmsBackend.outbox
    assert sms.to == "+923001234567"
    assert sms.body.startswith("Reminder: your appointment at ")
    assert sms.body.endswith(f"/appointments/{appointment.pk}/")
    assert "\n" not in sms.body
    assert mail.outbox == []


def test_both_channels_when_chosen(client_ayesha: User, therapist_sana: User) -> None:
    reminder_preference_update(
        user=client_ayesha, channels=ReminderChannels.BOTH, wording=ReminderWording.DILASA, phone="0300 7654321"
    )
    appointment = book(client_ayesha, therapist_sana)
    reminder_send(appointment_id=appointment.pk, kind=DAY, now=appointment.starts_at - timedelta(hours=20))
    assert len(mail.outbox) == 1
    (sms,) = LocmemSmsBackend.outbox
    assert sms.to == "+923007654321"
    assert set(ReminderDelivery.objects.values_list("channel", "status")) == {
        ("email", DeliveryStatus.SENT),
        ("sms", DeliveryStatus.SENT),
    }


def test_none_means_none(client_ayesha: User, therapist_sana: User) -> None:
    reminder_preference_update(user=client_ayesha, channels=ReminderChannels.NONE, wording=ReminderWording.APPOINTMENT)
    appointment = book(client_ayesha, therapist_sana)
    for kind, before in ((DAY, timedelta(hours=23)), (HOUR, timedelta(minutes=30))):
        reminder_send(appointment_id=appointment.pk, kind=kind, now=appointment.starts_at - before)
    assert mail.outbox == []
    assert LocmemSmsBackend.outbox == []


def test_a_reminder_is_sent_once_however_often_it_is_asked_for(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    now = appointment.starts_at - timedelta(hours=23)
    for minutes in (0, 1, 5, 60):
        reminder_send(appointment_id=appointment.pk, kind=DAY, now=now + timedelta(minutes=minutes))
        reminders_send_due(now=now + timedelta(minutes=minutes))
    assert len(mail.outbox) == 1


def test_a_cancelled_appointment_gets_no_reminder(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    services.appointment_cancel(appointment=appointment, by=client_ayesha)
    outcome = reminder_send(appointment_id=appointment.pk, kind=DAY, now=appointment.starts_at - timedelta(hours=23))
    assert outcome.sent == 0
    assert reminders_send_due(now=appointment.starts_at - timedelta(minutes=30)).sent == 0
    assert mail.outbox == []


def test_a_moved_appointment_is_reminded_at_its_new_time_only(client_ayesha: User, therapist_sana: User) -> None:
    old = book(client_ayesha, therapist_sana)
    new = services.appointment_reschedule(appointment=old, by=client_ayesha, starts_at=karachi(5, 11))
    assert reminders_send_due(now=old.starts_at - timedelta(hours=23)).sent == 0
    assert reminders_send_due(now=new.starts_at - timedelta(hours=23)).sent == 1
    (email,) = mail.outbox
    assert f"/appointments/{new.pk}/" in email.body


def test_the_sweep_sends_what_is_due_and_leaves_the_rest(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    soon = book(client_ayesha, therapist_sana, days=2, hour=10)
    later = book(client_kamran, therapist_sana, days=4, hour=10)
    result = reminders_send_due(now=soon.starts_at - timedelta(minutes=50))
    assert (result.sent, result.failed) == (1, 0)  # the hour-before one; the day-before one is past its window
    assert ReminderDelivery.objects.get().kind == HOUR
    assert not ReminderDelivery.objects.filter(appointment=later).exists()


@override_settings(EMAIL_BACKEND="dilasa.scheduling.tests.reminder_support.FailingEmailBackend")
def test_a_failed_send_is_retried_with_backoff_then_given_up(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    now = appointment.starts_at - timedelta(hours=23)
    outcome = reminder_send(appointment_id=appointment.pk, kind=DAY, now=now)
    assert (outcome.sent, outcome.failed, outcome.retry_at) == (0, 1, now + RETRY_DELAYS[0])
    delivery = ReminderDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        DeliveryStatus.FAILED,
        1,
        "ConnectionRefusedError",
    )
    assert reminder_send(appointment_id=appointment.pk, kind=DAY, now=now + timedelta(minutes=1)).failed == 0
    for delay in RETRY_DELAYS:
        now += delay
        reminders_send_due(now=now)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        DeliveryStatus.ABANDONED,
        MAX_ATTEMPTS,
        None,
    )
    assert reminders_send_due(now=now + timedelta(hours=1)).failed == 0


def test_a_failed_send_goes_out_when_the_backend_is_back(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    now = appointment.starts_at - timedelta(hours=23)
    with override_settings(EMAIL_BACKEND="dilasa.scheduling.tests.reminder_support.FailingEmailBackend"):
        reminder_send(appointment_id=appointment.pk, kind=DAY, now=now)
    assert mail.outbox == []
    assert reminders_send_due(now=now + RETRY_DELAYS[0]).sent == 1
    assert len(mail.outbox) == 1
    delivery = ReminderDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)


def test_a_retry_is_never_sent_after_the_window(client_kamran: User, therapist_sana: User) -> None:
    appointment = book(client_kamran, therapist_sana)
    now = appointment.starts_at - timedelta(minutes=1)
    with override_settings(SMS_BACKEND="dilasa.scheduling.tests.reminder_support.FailingSmsBackend"):
        outcome = reminder_send(appointment_id=appointment.pk, kind=HOUR, now=now)
    assert outcome.retry_at is None  # the next try would come after the start
    assert ReminderDelivery.objects.get().status == DeliveryStatus.ABANDONED
