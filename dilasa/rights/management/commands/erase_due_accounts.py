"""Erase the accounts whose grace period has ended, and release records no retention rule keeps any more."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dilasa.rights.services import erasure_run_due


class Command(BaseCommand):
    help = (
        "Erase every account whose erasure grace period has ended, and remove kept records once the clinic's "
        "retention rule no longer keeps them. Safe to run as often as you like (cron, or --every)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS", help="Keep running (at least 60).")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        if every and every < 60:
            raise CommandError("--every must be at least 60 seconds.")
        while True:
            result = erasure_run_due(now=timezone.now())
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"{timezone.now():%Y-%m-%d %H:%M:%S} erased {result.erased}, released {result.released}"
                )
            if not every:
                return
            time.sleep(every)
