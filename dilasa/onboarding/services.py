"""Writes: the first-run guide's completion and the simple-mode preference (settings, not clinical data)."""

from __future__ import annotations

from django.utils import timezone

from dilasa.accounts.models import User


def guide_finish(*, user: User) -> None:
    """Finished or skipped: either way the guide is not shown by itself again (it stays in the account)."""
    if user.guide_done_at is None:
        user.guide_done_at = timezone.now()
        user.save(update_fields=["guide_done_at"])


def simple_mode_set(*, user: User, on: bool) -> None:
    """On or off; either answer counts as having been asked, so the suggestion stops."""
    user.simple_mode = on
    user.simple_mode_chosen_at = timezone.now()
    user.save(update_fields=["simple_mode", "simple_mode_chosen_at"])
