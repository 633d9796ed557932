from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dilasa.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain from the first event to the last; fail on the first break."

    def handle(self, *args: Any, **options: Any) -> None:
        check = verify_chain()
        if check.broken_at is not None:
            raise CommandError(f"audit chain broken at event #{check.broken_at}: {check.problem}")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {check.events} event(s)"))
