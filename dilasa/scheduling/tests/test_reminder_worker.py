"""With the database task backend, booking queues the reminders and a real db_worker sends them when due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from dilasa.accounts.models import User
from dilasa.scheduling.models import Appointment, DeliveryStatus, ReminderDelivery, ReminderKind
from dilasa.scheduling.reminders import RETRY_DELAYS, reminder_window
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls(NOTICE_URLS),
    pytest.mark.usefixtures("database_tasks"),
]


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: run every task that is ready, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=50,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def reminder_tasks() -> dict[str, DBTaskResult[..., Any]]:
    rows = DBTaskResult.objects.filter(task_path="dilasa.scheduling.tasks.send_reminder").order_by("enqueued_at")
    return {row.args_kwargs["kwargs"]["kind"]: row for row in rows}


def time_passes_until(appointment: Appointment, moment: timedelta) -> None:
    """Move the appointment (and its booking) so that `now` is `moment` before it, instead of waiting."""
    shift = (timezone.now() + moment) - appointment.starts_at
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=appointment.starts_at + shift,
        ends_at=appointment.ends_at + shift,
        blocks_until=appointment.blocks_until + shift,
        created_at=appointment.created_at + shift,
    )
    appointment.refresh_from_db()
    for kind, row in reminder_tasks().items():
        if row.status == TaskResultStatus.READY:
            row.run_after = reminder_window(kind, appointment.starts_at)[0]
            row.save(update_fields=["run_after"])


def test_booking_queues_both_reminders_for_their_due_times(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    tasks = reminder_tasks()
    assert set(tasks) == {"24h", "1h"}
    for kind, row in tasks.items():
        assert row.run_after == reminder_window(kind, appointment.starts_at)[0]
        assert row.args_kwargs["kwargs"] == {"appointment_id": appointment.pk, "kind": kind}
    run_worker()
    assert mail.outbox == []  # nothing is due yet
    assert all(row.status == TaskResultStatus.READY for row in reminder_tasks().values())


def test_the_worker_sends_the_reminder_when_it_falls_due(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    time_passes_until(appointment, timedelta(hours=23, minutes=59))
    run_worker()
    (email,) = mail.outbox
    assert f"/appointments/{appointment.pk}/" in email.body
    tasks = reminder_tasks()
    assert tasks["24h"].status == TaskResultStatus.SUCCESSFUL
    assert tasks["24h"].return_value == {"sent": 1, "failed": 0}
    assert tasks["1h"].status == TaskResultStatus.READY
    run_worker()
    assert len(mail.outbox) == 1


def test_the_worker_skips_a_cancelled_appointment(client_ayesha: User, therapist_sana: User) -> None:
    from dilasa.scheduling import services

    appointment = book(client_ayesha, therapist_sana)
    services.appointment_cancel(appointment=appointment, by=client_ayesha)
    time_passes_until(appointment, timedelta(minutes=30))
    run_worker()
    assert mail.outbox == []
    assert reminder_tasks()["1h"].return_value == {"sent": 0, "failed": 0}


def test_a_failed_send_queues_a_retry_that_the_worker_runs_later(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    time_passes_until(appointment, timedelta(hours=23))
    with override_settings(EMAIL_BACKEND="dilasa.scheduling.tests.reminder_support.FailingEmailBackend"):
        run_worker()
    assert mail.outbox == []
    retries = DBTaskResult.objects.filter(status=TaskResultStatus.READY, args_kwargs__kwargs__kind="24h")
    (retry,) = retries
    assert timedelta(0) < retry.run_after - timezone.now() <= RETRY_DELAYS[0]
    # Two minutes pass.
    ReminderDelivery.objects.update(next_attempt_at=timezone.now())
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert len(mail.outbox) == 1
    delivery = ReminderDelivery.objects.get(kind=ReminderKind.DAY_BEFORE)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)
