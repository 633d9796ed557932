"""Load an instrument's words in one language from a file, replacing the shipped text (docs/outcomes.md).

    manage.py load_instrument_text phq9.ur.toml [--dry-run]

The file (TOML or JSON) has the keys of the shipped files in dilasa/outcomes/instruments/: instrument,
language, version, validated, source, validated_source, name, stem, options, items. It is checked first: a
known instrument and language, exactly as many items and options as the scale scores, nothing empty. Only
the words change; scoring does not. Set `validated = true` only for the published validated text, with its
citation in `source`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dilasa.outcomes.models import InstrumentText
from dilasa.outcomes.texts import TextError, read_file


class Command(BaseCommand):
    help = "Load an instrument's words in one language from a TOML or JSON file (checked first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            text = read_file(path)
        except TextError as error:
            raise CommandError(f"{path.name}: {error}") from None
        status = "validated" if text.validated else "NOT validated (shown to therapists as provisional)"
        summary = f"{text.instrument}.{text.language} version {text.version}, {len(text.items)} items, {status}"
        if options["dry_run"]:
            self.stdout.write(f"OK, not loaded (dry run): {summary}")
            return
        with transaction.atomic():
            InstrumentText.objects.update_or_create(
                instrument=text.instrument,
                language=text.language,
                defaults={"content": text.as_dict(), "sha256": text.sha256},
            )
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}; sha256 {text.sha256}"))
