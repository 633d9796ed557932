"""Everything the practice exercises hold about a client, unsealed, for their data-rights download.

Called by dilasa.rights, which audits the export itself (Action.EXPORT), so nothing here records a read.
Each entry comes with its parts named in English (the field names of library.py) and the exercise's title
in the client's language.
"""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.techniques import selectors
from dilasa.techniques.library import text_language, words_for
from dilasa.techniques.models import Assignment


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_for_client(client: User) -> dict[str, Any]:
    language = text_language(client.language)
    given = []
    rows = Assignment.objects.filter(client=client).select_related("therapist").order_by("created_at", "pk")
    for item in rows:
        given.append(
            {
                "id": item.pk,
                "exercise": item.technique,
                "title": words_for(item.technique, language).title,
                "therapist": item.therapist.display_name,
                "due_on": _when(item.due_on),
                "given_at": _when(item.created_at),
                "note": selectors.note_of(item),
                "entries": [
                    {
                        "submitted_at": _when(e.submitted_at),
                        "answers": selectors.content_of(e),
                        "seen_at": _when(e.reviewed_at),
                        "comment": selectors.comment_of(e),
                    }
                    for e in item.entries.order_by("submitted_at", "pk")
                ],
            }
        )
    return {"exercises": given}
