"""Erasing a client's clinical records, once the clinic's retention rule no longer keeps them.

Called by dilasa.rights (which decides when, and audits the erasure). Revisions and addenda are append-only
through the app; erasure is the one sanctioned way they go, so it calls Django's own delete past the
refusing queryset.
"""

from __future__ import annotations

from django.db import models, transaction

from dilasa.accounts.models import User
from dilasa.records.models import Addendum, Attachment, Homework, Note, NoteRevision, PlanRevision, TreatmentPlan


def erase_for_client(client: User) -> None:
    with transaction.atomic():
        notes = Note.objects.filter(client=client)
        plans = TreatmentPlan.objects.filter(client=client)
        models.QuerySet.delete(NoteRevision.objects.filter(note__in=notes))
        models.QuerySet.delete(Addendum.objects.filter(note__in=notes))
        models.QuerySet.delete(PlanRevision.objects.filter(plan__in=plans))
        notes.delete()
        plans.delete()
        Homework.objects.filter(client=client).delete()
        Attachment.objects.filter(client=client).delete()
