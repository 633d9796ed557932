"""The discreet count of unread messages for the navigation."""

from __future__ import annotations

from typing import Any

from django import template

from dilasa.messaging.selectors import unread_total

register = template.Library()


@register.simple_tag
def unread_messages(user: Any) -> int:
    return unread_total(user)
