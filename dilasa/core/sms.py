"""Pluggable SMS backends, chosen by DILASA_SMS_BACKEND. Console by default."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import cache
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class ConsoleSmsBackend:
    """Writes messages to standard output, like Django's console email backend."""

    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"--- SMS to {message.to} ---\n{message.body}\n---\n")
        sys.stdout.flush()


class LocmemSmsBackend:
    """Keeps messages in memory for tests (like django.core.mail.outbox)."""

    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, message: SmsMessage) -> None:
        self.outbox.append(message)


@cache
def _backend(path: str) -> SmsBackend:
    backend: SmsBackend = import_string(path)()
    return backend


def send_sms(*, to: str, body: str) -> None:
    _backend(settings.SMS_BACKEND).send(SmsMessage(to=to, body=body))
