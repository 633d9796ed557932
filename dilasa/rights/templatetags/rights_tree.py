"""The export as a tree the page template can walk (maps, lists, text), with headings for its sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass
class Node:
    kind: str  # "map", "list" or "text"
    items: list[Any] = field(default_factory=list)
    text: str = ""


def tree(value: Any) -> Node:
    if isinstance(value, dict):
        return Node("map", [(str(key).replace("_", " "), tree(child)) for key, child in value.items()])
    if isinstance(value, list | tuple):
        return Node("list", [tree(child) for child in value])
    if value is None:
        return Node("text")
    if isinstance(value, bool):
        return Node("text", text=_("yes") if value else _("no"))
    return Node("text", text=str(value))


def _titles() -> dict[str, str]:
    return {
        "profile": _("Your profile"),
        "appointments": _("Appointments"),
        "payments": _("Payments"),
        "consents": _("Agreements"),
        "access_log": _("Who opened your records"),
        "live": _("Online sessions"),
        "messaging": _("Messages"),
        "records": _("Records"),
    }


@register.filter
def export_sections(data: dict[str, Any]) -> list[tuple[str, Node]]:
    titles = _titles()
    skip = {"format", "generated_at", "site"}
    return [(titles.get(key, key), tree(value)) for key, value in data.items() if key not in skip]
