"""Reads: whether to suggest simple mode."""

from __future__ import annotations

from django.db.models import Q

from dilasa.accounts.models import User
from dilasa.live.models import AboutMe, AgeBand, TechComfort


def simple_mode_suggested(user: User) -> bool:
    """Suggest (never force) simple mode to a client who said they are new to phones, or 65 or older.

    Only until they answer the offer, yes or no.
    """
    if not user.is_client or user.simple_mode or user.simple_mode_chosen_at is not None:
        return False
    needs_it = Q(tech_comfort=TechComfort.NEW) | Q(age_band=AgeBand.FROM_65)
    return AboutMe.objects.filter(needs_it, client=user, declined=False).exists()
