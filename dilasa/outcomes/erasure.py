"""Erasing a client's outcome measures (assignments and answers), once the clinic's retention rule no longer
keeps their clinical records. Called by dilasa.rights, which decides when and audits it."""

from __future__ import annotations

from django.db import transaction

from dilasa.accounts.models import User
from dilasa.outcomes.models import Assignment, Response


def erase_for_client(client: User) -> None:
    with transaction.atomic():
        Response.objects.filter(client=client).delete()
        Assignment.objects.filter(client=client).delete()
