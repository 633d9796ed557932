"""Workers and sweeps racing for one reminder, in real transactions: it is sent once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail

from dilasa.accounts.models import User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.scheduling.models import DeliveryStatus, ReminderChannels, ReminderDelivery, ReminderKind, ReminderWording
from dilasa.scheduling.reminders import reminder_preference_update, reminder_send, reminders_send_due
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book
from dilasa.testing import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls(NOTICE_URLS)]


def test_ten_workers_racing_send_each_channel_once(client_ayesha: User, therapist_sana: User) -> None:
    reminder_preference_update(
        user=client_ayesha, channels=ReminderChannels.BOTH, wording=ReminderWording.APPOINTMENT, phone="03001112222"
    )
    appointment = book(client_ayesha, therapist_sana)
    now = appointment.starts_at - timedelta(hours=23)
    calls: list[Callable[[], object]] = [
        lambda: reminder_send(appointment_id=appointment.pk, kind=ReminderKind.DAY_BEFORE, now=now) for _ in range(6)
    ]
    calls += [lambda: reminders_send_due(now=now) for _ in range(4)]
    outcomes = run_together(calls)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert len(mail.outbox) == 1
    assert len(LocmemSmsBackend.outbox) == 1
    assert ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
