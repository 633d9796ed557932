from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dilasa.accounts import demo
from dilasa.demo.care import seed_care
from dilasa.directory.demo import seed_profiles
from dilasa.scheduling.demo import seed_practices


class Command(BaseCommand):
    help = "Create or refresh the demo clinic, therapists and clients (idempotent). Never in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Seed even when DEBUG is off (test machines only).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Refusing to seed demo accounts with DEBUG off: their passwords are public.")
        people = demo.seed()
        seed_practices()
        seed_profiles()
        seed_care({person.key: user for person, user in people})
        if options["quiet"]:
            return
        out = self.stdout.write
        out("")
        out(f"Demo logins — every password is: {demo.DEMO_PASSWORD}")
        out(f"Clinic: {demo.CLINIC['name']} ({demo.CLINIC['city']})")
        out("")
        for person, user in people:
            out(f"  {person.role.label:<22} {person.display_name:<18} {user.login}")
        out("")
        out("Therapists and the clinic admin also need a two-step code. Either:")
        out("  - run `make demo-codes` (or `manage.py demo_codes`) for the current six-digit codes, or")
        out("  - add the key to an authenticator app, or use a recovery code:")
        for person, user in people:
            if user.is_staff_role:
                codes = ", ".join(demo.demo_recovery_codes(person.key))
                out(f"  {user.login:<28} key {demo.totp_secret_base32(user.login)}  recovery {codes}")
        out("")
