from __future__ import annotations

from django import template

from dilasa.accounts.models import User
from dilasa.safety.selectors import open_flag_count

register = template.Library()


@register.simple_tag
def open_flags(user: object) -> int:
    """How many flags wait for this therapist or admin (0 for anyone else)."""
    return open_flag_count(user=user) if isinstance(user, User) else 0
