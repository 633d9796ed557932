"""What this app keeps about a client, for the data-rights export: two settings, no clinical data."""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User


def export_for_client(client: User) -> dict[str, Any]:
    return {
        "simple_mode": client.simple_mode,
        "simple_mode_chosen_at": client.simple_mode_chosen_at.isoformat() if client.simple_mode_chosen_at else None,
        "guide_done_at": client.guide_done_at.isoformat() if client.guide_done_at else None,
    }
