"""Erasing a client's practice exercises (notes, entries, comments), with their clinical records, once the
clinic's retention rule no longer keeps them. Called by dilasa.rights, which decides when and audits it."""

from __future__ import annotations

from django.db import transaction

from dilasa.accounts.models import User
from dilasa.techniques.models import Assignment, Entry


def erase_for_client(client: User) -> None:
    with transaction.atomic():
        Entry.objects.filter(client=client).delete()
        Assignment.objects.filter(client=client).delete()
