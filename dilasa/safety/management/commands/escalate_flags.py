"""Remind people of flags nobody acknowledged: safe to run as often as you like, from several places at once."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dilasa.safety.services import ESCALATE_AFTER, escalate_due_flags


class Command(BaseCommand):
    help = (
        "Tell the on-call admins (and, from the second reminder, every admin of the clinic) again about each "
        f"request for help left unacknowledged {int(ESCALATE_AFTER.total_seconds() // 60)} minutes after its "
        "last notice. Run it with --every (e.g. 60) beside the web workers, or from cron every minute."
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
            escalated = escalate_due_flags(now=timezone.now())
            if options["verbosity"] > 0:
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} escalated {escalated}")
            if not every:
                return
            time.sleep(every)
