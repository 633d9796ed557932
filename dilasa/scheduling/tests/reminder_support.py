"""Shared by the reminder and calendar tests: a booked appointment, failing backends, the word scan."""

from __future__ import annotations

from typing import ClassVar

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from dilasa.accounts.models import User
from dilasa.core.sms import SmsMessage
from dilasa.scheduling import services
from dilasa.scheduling.models import Appointment, Mode
from dilasa.scheduling.reminders import CLINICAL_WORDS
from dilasa.scheduling.testing import karachi, open_every_day

NOTICE_URLS = "dilasa.scheduling.tests.notice_urls"


def book(client: User, therapist: User, *, days: int = 3, hour: int = 10, mode: str = Mode.VIDEO) -> Appointment:
    """Book `client` with `therapist` (opening her hours first if needed), as the client would."""
    if not hasattr(therapist, "practice"):
        open_every_day(therapist)
    return services.appointment_book(
        client=client, therapist=therapist, starts_at=karachi(days, hour), mode=mode, booked_by=client
    )


def clinical_words_in(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in CLINICAL_WORDS if word in lowered]


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages: list[EmailMessage]) -> int:  # type: ignore[override]
        raise ConnectionRefusedError("smtp down")


class FailingSmsBackend:
    attempts: ClassVar[int] = 0

    def send(self, message: SmsMessage) -> None:
        FailingSmsBackend.attempts += 1
        raise TimeoutError("gateway timeout")
