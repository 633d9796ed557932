"""Everything the outcome measures hold about a client, unsealed, for their data-rights download.

Called by dilasa.rights, which audits the export itself (Action.EXPORT), so nothing here records a read.
Each answer comes with the words of the questions as the client read them (by language) and whether that
text was the validated one.
"""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.outcomes import selectors
from dilasa.outcomes.models import Assignment, Response


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_for_client(client: User) -> dict[str, Any]:
    assignments = [
        {
            "id": a.pk,
            "therapist": a.therapist.display_name,
            "instrument": a.instrument,
            "schedule": a.schedule,
            "every_days": a.every_days,
            "starts_on": _when(a.starts_on),
            "ends_on": _when(a.ends_on),
            "assigned_at": _when(a.created_at),
            "stopped_at": _when(a.stopped_at),
        }
        for a in Assignment.objects.filter(client=client).select_related("therapist").order_by("created_at", "pk")
    ]
    answers = [
        {
            "assignment_id": r.assignment_id,
            "instrument": r.instrument,
            "submitted_at": _when(r.submitted_at),
            "answers": selectors.answers_of(r),
            "word": selectors.word_of(r),
            "total": r.total,
            "band": r.band,
            "text_language": r.text_language,
            "text_validated": r.text_validated,
            "text_sha256": r.text_sha256,
        }
        for r in Response.objects.filter(client=client).order_by("submitted_at", "pk")
    ]
    return {"assignments": assignments, "answers": answers}
