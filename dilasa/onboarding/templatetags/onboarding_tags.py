from __future__ import annotations

from django import template

from dilasa.accounts.models import User
from dilasa.onboarding import selectors

register = template.Library()


@register.simple_tag
def simple_mode_suggested(user: User) -> bool:
    return selectors.simple_mode_suggested(user)
