"""Re-wrap every sealed value's data key under the active key-encryption key, without downtime.

Rotation, step by step (README, "Rotating the data keys"):
1. Add the new key to DILASA_DATA_KEYS and make it DILASA_DATA_KEY_ID; restart. New text is sealed
   with it; old text still opens with the old key, which stays listed.
2. Run this command. It walks every sealed column in batches and re-wraps the per-record data key;
   the ciphertext of the text itself is not touched, and no plaintext is produced. Each row is updated
   only if it still holds the blob that was read (compare-and-swap), so a concurrent edit wins.
3. When `--check` reports nothing left under old keys, remove the old key; restart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dilasa.core.crypto import SealError, key_id_of, keyring, rewrap, sealed_columns


class Command(BaseCommand):
    help = "Re-wrap the data keys of all sealed clinical text under the active key (DILASA_DATA_KEY_ID)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="only count values per key id; change nothing")
        parser.add_argument("--batch", type=int, default=500, help="rows read per query (default 500)")

    def handle(self, *args: Any, **options: Any) -> None:
        active = keyring().active
        batch: int = options["batch"]
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        stale_total = 0
        for column in sealed_columns():
            manager = column.model._default_manager
            counts: Counter[str] = Counter()
            rewrapped = 0
            last_pk: Any = None
            while True:
                rows = manager.exclude(**{f"{column.field}__isnull": True}).order_by("pk")
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                chunk = list(rows[:batch])
                if not chunk:
                    break
                last_pk = chunk[-1].pk
                for row in chunk:
                    blob = bytes(getattr(row, column.field))
                    kid = key_id_of(blob)
                    counts[kid] += 1
                    if kid == active or options["check"]:
                        continue
                    try:
                        fresh = rewrap(blob, context=column.context(row))
                    except SealError as error:
                        raise CommandError(f"{column.label} #{row.pk} does not open: {error}") from error
                    rewrapped += manager.filter(pk=row.pk, **{column.field: blob}).update(**{column.field: fresh})
            stale = sum(n for kid, n in counts.items() if kid != active)
            stale_total += stale - rewrapped
            by_key = ", ".join(f"{kid}: {n}" for kid, n in sorted(counts.items())) or "empty"
            action = "" if options["check"] else f"; re-wrapped {rewrapped}"
            self.stdout.write(f"{column.label}: {by_key}{action}")
        if options["check"]:
            self.stdout.write(f"{stale_total} value(s) under keys other than {active}")
        else:
            self.stdout.write(self.style.SUCCESS(f"done: {stale_total} value(s) left under other keys"))
