"""A client's requests for help and what was done about them, unsealed, for their data-rights export
(dilasa.rights audits the export itself)."""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.safety.models import Flag
from dilasa.safety.services import flag_detail, flag_note


def export_for_client(client: User) -> dict[str, Any]:
    flags = []
    for flag in Flag.objects.filter(client=client).select_related("acknowledged_by").order_by("raised_at", "pk"):
        flags.append(
            {
                "raised_at": flag.raised_at.isoformat(),
                "source": flag.source,
                "what": str(flag.get_source_display()),
                "detail": flag_detail(flag),
                "reminders_sent": flag.escalations,
                "acknowledged_at": flag.acknowledged_at.isoformat() if flag.acknowledged_at else None,
                "acknowledged_by": flag.acknowledged_by.display_name if flag.acknowledged_by else None,
                "action": str(flag.get_action_display()) if flag.action else None,
                "note": flag_note(flag),
            }
        )
    return {"requests_for_help": flags}
