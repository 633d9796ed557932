"""Writes for clinical records: sealing, revisions, and supervision assignments.

The record writes here are called only from dilasa.records.access, which has checked who may write and
audits the write in the same transaction; they validate and raise ValidationError with a clear message.
Nothing here puts clinical text in an exception or a log.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import Role, User
from dilasa.core.crypto import seal, seal_bytes
from dilasa.core.uploads import IMAGES_AND_PDF, sniff_upload
from dilasa.records.models import (
    SECTIONS,
    Addendum,
    Attachment,
    Homework,
    HomeworkStatus,
    Note,
    NoteRevision,
    PlanRevision,
    Supervision,
    Template,
    TreatmentPlan,
)
from dilasa.scheduling.models import Appointment, Status

SECTION_MAX = 10_000
TITLE_MAX = 200
NAME_MAX = 120
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


# --- contexts: each names the record and the field, computable from the row ----------------------------


def note_context(note_id: int, number: int, section: str) -> str:
    return f"records.note.{section}:{note_id}:{number}"


def addendum_context(note_id: int, number: int) -> str:
    return f"records.note.addendum:{note_id}:{number}"


def plan_context(plan_id: int, number: int, field: str) -> str:
    return f"records.plan.{field}:{plan_id}:{number}"


def homework_context(key: uuid.UUID, field: str) -> str:
    return f"records.homework.{field}:{key}"


def attachment_context(key: uuid.UUID, field: str) -> str:
    return f"records.attachment.{field}:{key}"


# --- notes ------------------------------------------------------------------------------------------------


class StaleEditError(ValidationError):
    """The text changed since the editor opened it; saving would overwrite someone's work unseen."""

    def __init__(self) -> None:
        super().__init__(
            _("This was changed since you opened it. Your text is below: copy it, reload, and add it again."),
            code="stale",
        )


def _clean_sections(template: str, sections: Mapping[str, str]) -> dict[str, str]:
    if template not in SECTIONS:
        raise ValidationError(_("Choose SOAP, DAP or free text."), code="template")
    cleaned = {name: (sections.get(name) or "").strip() for name in SECTIONS[template]}
    missing = [name for name, text in cleaned.items() if not text]
    if missing:
        raise ValidationError(_("Every part of the note needs some text."), code="missing")
    if any(len(text) > SECTION_MAX for text in cleaned.values()):
        raise ValidationError(_("A part of the note is too long."), code="too_long")
    return cleaned


def _add_revision(note: Note, author: User, sections: dict[str, str]) -> NoteRevision:
    number = note.revision + 1
    sealed = {name: seal(text, context=note_context(note.pk, number, name)) for name, text in sections.items()}
    revision = NoteRevision.objects.create(note=note, number=number, author=author, **sealed)
    note.revision = number
    note.save(update_fields=["revision", "updated_at"])
    return revision


def _check_appointment(appointment_id: int | None, *, therapist: User, client: User) -> Appointment | None:
    if appointment_id is None:
        return None
    appointment = (
        Appointment.objects.filter(pk=appointment_id, therapist=therapist, client=client)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if appointment is None:
        raise ValidationError(_("Choose one of your appointments with this person."), code="appointment")
    return appointment


def note_create(
    *, therapist: User, client: User, template: str, sections: Mapping[str, str], appointment_id: int | None = None
) -> Note:
    cleaned = _clean_sections(template, sections)
    appointment = _check_appointment(appointment_id, therapist=therapist, client=client)
    with transaction.atomic():
        note = Note.objects.create(
            client=client, therapist=therapist, template=Template(template), appointment=appointment
        )
        _add_revision(note, therapist, cleaned)
    return note


def note_update(*, note: Note, by: User, sections: Mapping[str, str], base_revision: int) -> NoteRevision:
    """A new revision of an unsigned note, if nobody saved one since `base_revision` was read."""
    cleaned = _clean_sections(note.template, sections)
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.signed_at is not None:
            raise ValidationError(_("This note is signed. Add an addendum instead."), code="signed")
        if locked.revision != base_revision:
            raise StaleEditError
        return _add_revision(locked, by, cleaned)


def note_sign(*, note: Note, by: User) -> Note:
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.signed_at is None:
            locked.signed_at = timezone.now()
            locked.save(update_fields=["signed_at", "updated_at"])
    return locked


def addendum_add(*, note: Note, by: User, body: str) -> Addendum:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the addendum first."), code="missing")
    if len(body) > SECTION_MAX:
        raise ValidationError(_("The addendum is too long."), code="too_long")
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.signed_at is None:
            raise ValidationError(_("Sign the note before adding an addendum; until then, edit it."), code="unsigned")
        number = locked.addenda.count() + 1
        return Addendum.objects.create(
            note=locked, number=number, author=by, body=seal(body, context=addendum_context(locked.pk, number))
        )


# --- the treatment plan -----------------------------------------------------------------------------------


def plan_save(
    *,
    therapist: User,
    client: User,
    goals: str,
    interventions: str,
    review_on: date | None,
    base_revision: int,
) -> PlanRevision:
    goals, interventions = goals.strip(), interventions.strip()
    if not goals or not interventions:
        raise ValidationError(_("Write the goals and the interventions."), code="missing")
    if len(goals) > SECTION_MAX or len(interventions) > SECTION_MAX:
        raise ValidationError(_("The plan is too long."), code="too_long")
    with transaction.atomic():
        plan, _created = TreatmentPlan.objects.get_or_create(client=client, therapist=therapist)
        plan = TreatmentPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.revision != base_revision:
            raise StaleEditError
        number = plan.revision + 1
        revision = PlanRevision.objects.create(
            plan=plan,
            number=number,
            author=therapist,
            goals=seal(goals, context=plan_context(plan.pk, number, "goals")),
            interventions=seal(interventions, context=plan_context(plan.pk, number, "interventions")),
            review_on=review_on,
        )
        plan.revision = number
        plan.save(update_fields=["revision", "updated_at"])
    return revision


# --- homework ---------------------------------------------------------------------------------------------


def _homework_text(title: str, instructions: str, observations: str) -> tuple[str, str, str]:
    title, instructions, observations = title.strip(), instructions.strip(), observations.strip()
    if not title or not instructions:
        raise ValidationError(_("Give the homework a title and instructions."), code="missing")
    if len(title) > TITLE_MAX or len(instructions) > SECTION_MAX or len(observations) > SECTION_MAX:
        raise ValidationError(_("The homework text is too long."), code="too_long")
    return title, instructions, observations


def _seal_homework(item: Homework, title: str, instructions: str, observations: str) -> None:
    item.title = seal(title, context=homework_context(item.key, "title"))
    item.instructions = seal(instructions, context=homework_context(item.key, "instructions"))
    item.observations = seal(observations, context=homework_context(item.key, "observations")) if observations else None


def homework_create(*, therapist: User, client: User, title: str, instructions: str, due_on: date | None) -> Homework:
    title, instructions, _obs = _homework_text(title, instructions, "")
    item = Homework(client=client, therapist=therapist, due_on=due_on)
    _seal_homework(item, title, instructions, "")
    item.save()
    return item


def homework_update(
    *,
    item: Homework,
    title: str,
    instructions: str,
    due_on: date | None,
    status: str,
    observations: str,
) -> Homework:
    if status not in HomeworkStatus.values:
        raise ValidationError(_("Choose how the homework went."), code="status")
    title, instructions, observations = _homework_text(title, instructions, observations)
    _seal_homework(item, title, instructions, observations)
    item.due_on, item.status = due_on, status
    item.save()
    return item


# --- attachments ------------------------------------------------------------------------------------------


def attachment_add(*, therapist: User, client: User, name: str, data: bytes) -> Attachment:
    """Store a PDF or image whose type is recognised from its bytes (never from its name or the browser)."""
    content_type = sniff_upload(data, allowed=IMAGES_AND_PDF, max_bytes=ATTACHMENT_MAX_BYTES)
    name = (name.strip() or _("attachment"))[-NAME_MAX:]
    item = Attachment(client=client, therapist=therapist, content_type=content_type, size=len(data))
    item.name = seal(name, context=attachment_context(item.key, "name"))
    item.data = seal_bytes(data, context=attachment_context(item.key, "data"))
    item.save()
    return item


# --- supervision (a clinic admin's page) ---------------------------------------------------------------------


def _verified_therapist_of(organisation_id: int, user: User) -> bool:
    return (
        user.is_active
        and user.role == Role.THERAPIST
        and user.organisation_id == organisation_id
        and user.clinic_verified_at is not None
    )


def supervision_assign(*, admin: User, supervisor: User, supervisee: User) -> Supervision:
    organisation_id = admin.organisation_id
    if not admin.is_clinic_admin or organisation_id is None:
        raise ValidationError(_("Only a clinic administrator can do this."), code="not_allowed")
    if supervisor.pk == supervisee.pk:
        raise ValidationError(_("A therapist cannot supervise themselves."), code="self")
    if not _verified_therapist_of(organisation_id, supervisor):
        raise ValidationError(_("The supervisor must be a verified therapist of this clinic."), code="supervisor")
    if not (supervisee.role == Role.THERAPIST and supervisee.organisation_id == organisation_id):
        raise ValidationError(_("Choose a therapist of this clinic to be supervised."), code="supervisee")
    with transaction.atomic():
        existing = Supervision.objects.filter(
            supervisor=supervisor, supervisee=supervisee, ended_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        return Supervision.objects.create(
            organisation_id=organisation_id, supervisor=supervisor, supervisee=supervisee, assigned_by=admin
        )


def supervision_end(*, admin: User, supervision: Supervision) -> Supervision:
    if supervision.organisation_id != admin.organisation_id or not admin.is_clinic_admin:
        raise ValidationError(_("Only a clinic administrator can do this."), code="not_allowed")
    if supervision.ended_at is None:
        supervision.ended_at, supervision.ended_by = timezone.now(), admin
        supervision.save(update_fields=["ended_at", "ended_by"])
    return supervision
