"""Send the reminders that are due: safe to run as often as you like, beside the task worker or instead of it."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dilasa.scheduling.reminders import reminders_send_due


class Command(BaseCommand):
    help = (
        "Send every appointment reminder that is due and not sent yet, and retry failed ones. "
        "Needed with the immediate task backend (run it from cron, or with --every); "
        "with the database backend and db_worker it catches anything a stopped worker missed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, sweeping every SECONDS (at least 30).",
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        if every and every < 30:
            raise CommandError("--every must be at least 30 seconds.")
        while True:
            result = reminders_send_due(now=timezone.now())
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"{timezone.now():%Y-%m-%d %H:%M:%S} checked {result.appointments} appointments: "
                    f"{result.sent} sent, {result.failed} failed"
                )
            if not every:
                return
            time.sleep(every)
