"""Background tasks of scheduling. Arguments are ids and codes only: the task reads the rest when it runs."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from dilasa.scheduling import reminders


@task()
def send_reminder(*, appointment_id: int, kind: str) -> dict[str, int]:
    """Send one reminder if it is due; run too early, or after a failed send, it queues itself again.

    django-tasks 0.12 never retries a task, so retries are ours: the failed delivery row is
    re-claimed by this task re-enqueued after a backoff, or by the next `send_due_reminders`.
    """
    outcome = reminders.reminder_send(appointment_id=appointment_id, kind=kind, now=timezone.now())
    again = outcome.due_at if outcome.timing is reminders.Timing.EARLY else outcome.retry_at
    if again is not None:
        reminders.enqueue_reminder(appointment_id=appointment_id, kind=kind, run_after=again)
    return {"sent": outcome.sent, "failed": outcome.failed}
