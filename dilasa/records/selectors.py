"""Reads for clinical records. The functions that unseal text are called only from dilasa.records.access,
after its check and inside its audited transaction; the lists here that hold no clinical text (who is in
whose care, who supervises whom) serve pages directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Role, User
from dilasa.core.crypto import unseal, unseal_bytes
from dilasa.records import services
from dilasa.records.models import (
    Addendum,
    Attachment,
    Homework,
    Note,
    NoteRevision,
    PlanRevision,
    Supervision,
    TreatmentPlan,
)
from dilasa.scheduling.models import Appointment, Status
from dilasa.scheduling.selectors import CARE_STATUSES

SECTION_LABELS = {
    "subjective": _("Subjective"),
    "objective": _("Objective"),
    "data": _("Data"),
    "assessment": _("Assessment"),
    "plan": _("Plan"),
    "text": _("Note"),
}


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    text: str


@dataclass(frozen=True)
class RevisionText:
    number: int
    author: str
    at: datetime
    sections: list[Section]

    def as_dict(self) -> dict[str, str]:
        return {section.name: section.text for section in self.sections}


@dataclass(frozen=True)
class AddendumText:
    number: int
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class NoteText:
    note: Note
    latest: RevisionText
    addenda: list[AddendumText]


@dataclass(frozen=True)
class PlanText:
    plan: TreatmentPlan
    number: int
    author: str
    at: datetime
    goals: str
    interventions: str
    review_on: date | None


@dataclass(frozen=True)
class HomeworkText:
    item: Homework
    title: str
    instructions: str
    observations: str


@dataclass(frozen=True)
class AttachmentMeta:
    item: Attachment
    name: str


@dataclass(frozen=True)
class RecordText:
    """A therapist's folder about one client, opened."""

    client: User
    therapist: User
    notes: list[Note]
    plan: PlanText | None
    homework: list[HomeworkText]
    attachments: list[AttachmentMeta]


# --- unsealing --------------------------------------------------------------------------------------------


def revision_text(revision: NoteRevision, template_sections: tuple[str, ...]) -> RevisionText:
    sections = []
    for name in template_sections:
        blob = getattr(revision, name)
        text = (
            ""
            if blob is None
            else unseal(bytes(blob), context=services.note_context(revision.note_id, revision.number, name))
        )
        sections.append(Section(name=name, label=str(SECTION_LABELS[name]), text=text))
    return RevisionText(number=revision.number, author=revision.author.display_name, at=revision.at, sections=sections)


def addendum_text(addendum: Addendum) -> AddendumText:
    text = unseal(bytes(addendum.body), context=services.addendum_context(addendum.note_id, addendum.number))
    return AddendumText(number=addendum.number, author=addendum.author.display_name, at=addendum.at, text=text)


def note_text(note: Note) -> NoteText:
    latest = NoteRevision.objects.select_related("author").get(note=note, number=note.revision)
    addenda = [addendum_text(a) for a in Addendum.objects.filter(note=note).select_related("author")]
    return NoteText(note=note, latest=revision_text(latest, note.sections), addenda=addenda)


def note_revisions(note: Note) -> list[RevisionText]:
    """Every saved state of the note, newest first."""
    revisions = NoteRevision.objects.filter(note=note).select_related("author").order_by("-number")
    return [revision_text(revision, note.sections) for revision in revisions]


def plan_revision_text(plan: TreatmentPlan, revision: PlanRevision) -> PlanText:
    return PlanText(
        plan=plan,
        number=revision.number,
        author=revision.author.display_name,
        at=revision.at,
        goals=unseal(bytes(revision.goals), context=services.plan_context(plan.pk, revision.number, "goals")),
        interventions=unseal(
            bytes(revision.interventions), context=services.plan_context(plan.pk, revision.number, "interventions")
        ),
        review_on=revision.review_on,
    )


def plan_text(plan: TreatmentPlan) -> PlanText | None:
    revision = PlanRevision.objects.filter(plan=plan, number=plan.revision).select_related("author").first()
    return None if revision is None else plan_revision_text(plan, revision)


def plan_revisions(plan: TreatmentPlan) -> list[PlanText]:
    revisions = PlanRevision.objects.filter(plan=plan).select_related("author").order_by("-number")
    return [plan_revision_text(plan, revision) for revision in revisions]


def homework_text(item: Homework) -> HomeworkText:
    def field(name: str) -> str:
        blob = getattr(item, name)
        return "" if blob is None else unseal(bytes(blob), context=services.homework_context(item.key, name))

    return HomeworkText(
        item=item, title=field("title"), instructions=field("instructions"), observations=field("observations")
    )


def attachment_meta(item: Attachment) -> AttachmentMeta:
    return AttachmentMeta(
        item=item, name=unseal(bytes(item.name), context=services.attachment_context(item.key, "name"))
    )


def attachment_bytes(item: Attachment) -> bytes:
    return unseal_bytes(bytes(item.data), context=services.attachment_context(item.key, "data"))


def record_text(*, client: User, therapist: User) -> RecordText:
    plan = TreatmentPlan.objects.filter(client=client, therapist=therapist).first()
    return RecordText(
        client=client,
        therapist=therapist,
        notes=list(Note.objects.filter(client=client, therapist=therapist).select_related("appointment")),
        plan=None if plan is None else plan_text(plan),
        homework=[homework_text(h) for h in Homework.objects.filter(client=client, therapist=therapist)],
        attachments=[
            attachment_meta(a) for a in Attachment.objects.filter(client=client, therapist=therapist).defer("data")
        ],
    )


# --- lists without clinical text ---------------------------------------------------------------------------


def clients_in_care(*, therapist: User) -> QuerySet[User]:
    ids = Appointment.objects.filter(therapist=therapist, status__in=CARE_STATUSES).values("client_id")
    return User.objects.filter(pk__in=ids, role=Role.CLIENT).order_by("display_name")


def appointments_together(*, therapist: User, client: User) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(therapist=therapist, client=client)
        .exclude(status=Status.CANCELLED)
        .order_by("-starts_at")
    )


def active_supervisions(*, supervisor: User) -> QuerySet[Supervision]:
    organisation_id = supervisor.organisation_id
    if organisation_id is None:
        return Supervision.objects.none()
    return Supervision.objects.filter(
        supervisor=supervisor,
        ended_at__isnull=True,
        organisation_id=organisation_id,
        supervisee__organisation_id=organisation_id,
        supervisee__is_active=True,
    ).select_related("supervisee")


def clinic_supervisions(*, admin: User) -> QuerySet[Supervision]:
    if admin.organisation_id is None:
        return Supervision.objects.none()
    return (
        Supervision.objects.filter(organisation_id=admin.organisation_id, ended_at__isnull=True)
        .select_related("supervisor", "supervisee")
        .order_by("supervisee__display_name", "supervisor__display_name")
    )


def clinic_therapists(*, admin: User) -> QuerySet[User]:
    if admin.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=admin.organisation_id, role=Role.THERAPIST, is_active=True).order_by(
        "display_name"
    )
