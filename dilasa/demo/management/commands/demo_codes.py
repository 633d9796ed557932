from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dilasa.accounts import demo


class Command(BaseCommand):
    help = "Print the current two-step codes of the demo staff accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo codes exist only on a development machine.")
        for person in demo.PEOPLE:
            if person.role != "client":
                self.stdout.write(f"{person.login:<28} {demo.current_code(person.login)}")
