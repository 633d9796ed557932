"""Clinical records a therapist keeps about a client: session notes, a treatment plan, homework, attachments.

Every piece of clinical text is sealed (dilasa.core.crypto) with a context that names the record and the
field, so a raw database dump holds no plaintext. Notes and plans keep their history: each save adds a
revision, and revisions (and a signed note's addenda) are append-only through the app. Reads and writes go
through dilasa.records.access only, which audits each one.

A record is kept by one therapist about one client ("the therapist's folder"): another therapist who also
sees the client, possibly at another clinic, does not read it (docs/decisions.md).
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Organisation
from dilasa.scheduling.models import Appointment

M = TypeVar("M", bound=models.Model)


class AppendOnlyError(Exception):
    """Revisions and addenda are never changed or deleted; a change is a new revision."""


class AppendOnlyQuerySet(models.QuerySet[M]):
    """No deletes; updates only of sealed columns, which key rotation re-wraps without changing the text."""

    def update(self, **kwargs: Any) -> int:
        sealed = {f.name for f in self.model._meta.get_fields() if isinstance(f, models.BinaryField)}
        if not set(kwargs) <= sealed:
            raise AppendOnlyError("revisions cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("revisions cannot be deleted")


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("revisions cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("revisions cannot be deleted")


class Supervision(models.Model):
    """A clinic admin names a supervisor (a verified therapist of the clinic) for a therapist.

    The supervisor may read, never write, the supervisee's records of clients who consented to supervision.
    Ending keeps the row (who supervised whom, when).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-started_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                condition=models.Q(ended_at__isnull=True),
                name="records_one_active_supervision_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")), name="records_no_self_supervision"
            ),
        ]

    def __str__(self) -> str:
        return f"supervision {self.supervisor_id} -> {self.supervisee_id}"


class Template(models.TextChoices):
    SOAP = "soap", _("SOAP (subjective, objective, assessment, plan)")
    DAP = "dap", _("DAP (data, assessment, plan)")
    FREE = "free", _("Free text")


# The sections of each template, in the order they are written; each is a sealed column of NoteRevision.
SECTIONS: dict[str, tuple[str, ...]] = {
    Template.SOAP: ("subjective", "objective", "assessment", "plan"),
    Template.DAP: ("data", "assessment", "plan"),
    Template.FREE: ("text",),
}
ALL_SECTIONS = ("subjective", "objective", "data", "assessment", "plan", "text")


class Note(models.Model):
    """A session note. Its text lives in its revisions; the latest revision is the note."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template = models.CharField(max_length=4, choices=Template.choices)
    revision = models.PositiveIntegerField(default=0)  # the number of the latest revision
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Signed: final. The text no longer changes; later additions are addenda.
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["client", "therapist", "created_at"])]

    def __str__(self) -> str:
        return f"note {self.pk}"

    @property
    def sections(self) -> tuple[str, ...]:
        return SECTIONS[self.template]


class NoteRevision(AppendOnly):
    """One saved state of a note; each section sealed as f"records.note.<section>:<note id>:<number>"."""

    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    subjective = models.BinaryField(null=True, blank=True)
    objective = models.BinaryField(null=True, blank=True)
    data = models.BinaryField(null=True, blank=True)
    assessment = models.BinaryField(null=True, blank=True)
    plan = models.BinaryField(null=True, blank=True)
    text = models.BinaryField(null=True, blank=True)

    objects: ClassVar[models.Manager[NoteRevision]] = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        ordering = ("note", "number")
        constraints = [models.UniqueConstraint(fields=["note", "number"], name="records_note_revision_once")]

    def __str__(self) -> str:
        return f"note {self.note_id} r{self.number}"


class Addendum(AppendOnly):
    """Added to a signed note; sealed as f"records.note.addendum:<note id>:<number>"."""

    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="addenda")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    body = models.BinaryField()

    objects: ClassVar[models.Manager[Addendum]] = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        ordering = ("note", "number")
        constraints = [models.UniqueConstraint(fields=["note", "number"], name="records_addendum_once")]

    def __str__(self) -> str:
        return f"addendum {self.note_id}/{self.number}"


class TreatmentPlan(models.Model):
    """One per client and therapist; its text lives in its revisions."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "therapist"], name="records_one_plan_per_pair")]

    def __str__(self) -> str:
        return f"plan {self.pk}"


class PlanRevision(AppendOnly):
    """Goals and interventions sealed as f"records.plan.<field>:<plan id>:<number>".

    The review date is not clinical text and stays plain.
    """

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    goals = models.BinaryField()
    interventions = models.BinaryField()
    review_on = models.DateField(null=True, blank=True)

    objects: ClassVar[models.Manager[PlanRevision]] = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        ordering = ("plan", "number")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="records_plan_revision_once")]

    def __str__(self) -> str:
        return f"plan {self.plan_id} r{self.number}"


class HomeworkStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    DONE = "done", _("Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")


class Homework(models.Model):
    """What was assigned and how it went, as the therapist records it.

    Title, instructions and observations are sealed as f"records.homework.<field>:<key>" (the key exists before
    the row is saved). Generic on purpose: a technique library can later fill the title and instructions.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.BinaryField()
    instructions = models.BinaryField()
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=HomeworkStatus.choices, default=HomeworkStatus.ASSIGNED)
    observations = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["client", "therapist", "created_at"])]

    def __str__(self) -> str:
        return f"homework {self.pk}"


class Attachment(models.Model):
    """A PDF or image in the record; name and bytes sealed as f"records.attachment.<field>:<key>"."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.BinaryField()
    content_type = models.CharField(max_length=40)  # as sniffed from the bytes, never as the browser said
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["client", "therapist", "created_at"])]

    def __str__(self) -> str:
        return f"attachment {self.pk}"
