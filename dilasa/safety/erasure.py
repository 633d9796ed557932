"""Erasing a client's requests for help with their clinical records, once the clinic's retention rule no
longer keeps them. Called by dilasa.rights (which decides when, and audits the erasure)."""

from __future__ import annotations

from dilasa.accounts.models import User
from dilasa.safety.models import Flag


def erase_for_client(client: User) -> None:
    Flag.objects.filter(client=client).delete()
