"""Discreet mode in templates: is it on for this reader, is a PIN lock running, and the neutral page title.

On for anyone not known to be staff: visitors who have not signed in, and clients unless they turned it
off. Staff see the site's normal wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from dilasa.accounts.models import User
from dilasa.accounts.pin_lock import has_pin, is_locked
from dilasa.core.discreet import sensitive_words_in

register = template.Library()
SITE_NAME = "Dilasa"


@dataclass(frozen=True)
class Screen:
    discreet: bool
    lock_seconds: int  # 0: no PIN lock


def screen_for(user: object, *, locked: bool = False) -> Screen:
    if isinstance(user, User) and user.is_authenticated:
        if not user.is_client:
            return Screen(discreet=False, lock_seconds=0)
        running = has_pin(user) and not locked  # the PIN page itself does not count down
        return Screen(discreet=user.discreet, lock_seconds=user.pin_idle_minutes * 60 if running else 0)
    return Screen(discreet=True, lock_seconds=0)


@register.simple_tag(takes_context=True)
def screen_state(context: dict[str, Any]) -> Screen:
    request = context.get("request")
    session = getattr(request, "session", None)
    return screen_for(getattr(request, "user", None), locked=session is not None and is_locked(session))


@register.filter(is_safe=True)
def discreet_title(title: str, on: bool) -> str:
    """The page's own title, or just the site's name when discreet and the title holds a sensitive word."""
    text = " ".join(str(title).split())
    if on and sensitive_words_in(text):
        return SITE_NAME
    return text
