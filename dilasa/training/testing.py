"""Test helpers: a therapist who completed a module now, or an earlier version of it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.training.catalogue import module
from dilasa.training.models import Completion

OLD_VERSION = "0ldversion00"


def completed(user: User, slug: str, *, earlier_version: bool = False, at: datetime | None = None) -> Completion:
    found = module(slug)
    if found is None:
        raise LookupError(slug)
    return Completion.objects.create(
        user=user,
        module=slug,
        version=OLD_VERSION if earlier_version else found.version,
        completed_at=at or timezone.now(),
    )


def right_answers(slug: str) -> dict[str, str]:
    """The form data that answers every question of the module rightly (at its current version)."""
    found = module(slug)
    if found is None:
        raise LookupError(slug)
    data = {q.id: q.right_choice.id for q in found.texts["en"].questions}
    return data | {"version": found.version}
