"""Everything the clinical records hold about a client, unsealed, for their data-rights download.

Called by dilasa.rights, which audits the export itself (Action.EXPORT), so nothing here records a read.
Every therapist's folder about the client is included: the notes (the latest text, each earlier revision
and any addenda), the treatment plan with its history, homework, and the attachments' names and types (the
files themselves are listed, not embedded, to keep the JSON small; a readable export may fetch them).
"""

from __future__ import annotations

from typing import Any

from dilasa.accounts.models import User
from dilasa.records import selectors
from dilasa.records.models import Attachment, Homework, Note, TreatmentPlan


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_for_client(client: User) -> dict[str, Any]:
    notes = []
    for note in Note.objects.filter(client=client).select_related("therapist").order_by("created_at", "pk"):
        if note.revision == 0:
            continue
        revisions = selectors.note_revisions(note)
        notes.append(
            {
                "id": note.pk,
                "therapist": note.therapist.display_name,
                "template": note.template,
                "appointment_id": note.appointment_id,
                "created_at": _when(note.created_at),
                "signed_at": _when(note.signed_at),
                "latest": revisions[0].as_dict(),
                "revisions": [
                    {"number": r.number, "by": r.author, "at": _when(r.at), "sections": r.as_dict()}
                    for r in reversed(revisions)
                ],
                "addenda": [
                    {"by": a.author, "at": _when(a.at), "text": a.text} for a in selectors.note_text(note).addenda
                ],
            }
        )
    plans = []
    for plan in TreatmentPlan.objects.filter(client=client).select_related("therapist").order_by("pk"):
        history = selectors.plan_revisions(plan)
        if not history:
            continue
        plans.append(
            {
                "therapist": plan.therapist.display_name,
                "revisions": [
                    {
                        "number": p.number,
                        "by": p.author,
                        "at": _when(p.at),
                        "goals": p.goals,
                        "interventions": p.interventions,
                        "review_on": _when(p.review_on),
                    }
                    for p in reversed(history)
                ],
            }
        )
    homework = []
    for item in Homework.objects.filter(client=client).select_related("therapist").order_by("created_at", "pk"):
        text = selectors.homework_text(item)
        homework.append(
            {
                "therapist": item.therapist.display_name,
                "title": text.title,
                "instructions": text.instructions,
                "due_on": _when(item.due_on),
                "status": item.status,
                "observations": text.observations,
                "created_at": _when(item.created_at),
                "updated_at": _when(item.updated_at),
            }
        )
    attachments = [
        {
            "therapist": item.therapist.display_name,
            "name": selectors.attachment_meta(item).name,
            "content_type": item.content_type,
            "size": item.size,
            "added_at": _when(item.created_at),
        }
        for item in Attachment.objects.filter(client=client)
        .select_related("therapist")
        .defer("data")
        .order_by("created_at", "pk")
    ]
    return {"notes": notes, "treatment_plans": plans, "homework": homework, "attachments": attachments}
