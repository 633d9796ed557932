"""Send a short notice to an email address or a phone, through the task queue.

Callers render the text (in the reader's language) before enqueueing, so the
worker needs no request, no user and no clinical data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from dilasa.core.sms import send_sms


@task()
def deliver_notice(*, channel: str, to: str, subject: str, body: str) -> None:
    if channel == "email":
        send_mail(subject, body, None, [to])
    elif channel == "phone":
        send_sms(to=to, body=body)
    else:
        raise ValueError(f"unknown channel {channel!r}")


def site_link(path: str) -> str:
    """An absolute link for a message that leaves the site (email, SMS, calendar)."""
    return f"{settings.SITE_URL}{path}"


def notify(*, channel: str, to: str, subject: str, body: str) -> None:
    deliver_notice.enqueue(channel=channel, to=to, subject=subject, body=body)
