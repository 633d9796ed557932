"""`manage.py send_due_reminders`: the sweep that the immediate task backend relies on."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.scheduling.models import Appointment
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book

pytestmark = pytest.mark.urls(NOTICE_URLS)


def due_in(appointment: Appointment, before_start: timedelta) -> None:
    """Move the appointment and its booking so that it starts `before_start` from now, instead of waiting."""
    shift = timezone.now() + before_start - appointment.starts_at
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=appointment.starts_at + shift,
        ends_at=appointment.ends_at + shift,
        blocks_until=appointment.blocks_until + shift,
        created_at=appointment.created_at + shift,
    )


def test_the_sweep_sends_what_is_due_and_can_run_again_safely(client_ayesha: User, therapist_sana: User) -> None:
    due_in(book(client_ayesha, therapist_sana), timedelta(minutes=45))
    out = StringIO()
    call_command("send_due_reminders", stdout=out)
    assert "1 sent, 0 failed" in out.getvalue()
    call_command("send_due_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_running_forever_needs_a_sensible_interval() -> None:
    with pytest.raises(CommandError):
        call_command("send_due_reminders", every=5)
