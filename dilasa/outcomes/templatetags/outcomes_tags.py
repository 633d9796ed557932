"""Template helpers for outcome measures: names and band words, and the count of check-ins due (navigation)."""

from __future__ import annotations

from typing import Any

from django import template

from dilasa.outcomes import labels, selectors

register = template.Library()


@register.filter
def band_word(key: str) -> str:
    return labels.band_word(key)


@register.filter
def client_name(instrument: str) -> str:
    return str(labels.CLIENT_NAMES.get(instrument, ""))


@register.filter
def therapist_name(instrument: str) -> str:
    return str(labels.THERAPIST_NAMES.get(instrument, ""))


@register.simple_tag
def checkins_due(user: Any) -> int:
    """How many check-ins the signed-in client may answer now (0 for anyone else)."""
    return selectors.due_count(user)
