"""The one way into clinical records: who may read or write whose, and the audit of every access.

Each public function here checks access, does the read or write, and appends an audit event
(dilasa.audit.services.record) in one transaction; "not found" (Http404) answers missing and forbidden
alike. Nothing else touches the record models from a view.

Who may do what (docs/decisions.md):
- CARE: the therapist who keeps the folder, while the client is in their care (and they are an active,
  clinic-verified therapist), reads and writes it. Another therapist of the same client does not read it.
- SUPERVISION: a verified therapist the clinic admin named supervisor of the folder's therapist, while the
  client consents to supervision, reads it; never writes. Consent is asked on every access, so a
  withdrawal refuses the very next read.
- EMERGENCY: a clinic admin holding an unexpired break-glass grant for the client (dilasa.audit) reads the
  folders kept by their own clinic's therapists; never writes.
- Nobody else: not the client (their notes reach them through a data-rights export), not a clinic admin
  in normal operation, not a therapist of another clinic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import Http404

from dilasa.accounts.access import practising
from dilasa.accounts.models import Role, User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.selectors import active_emergency_grant
from dilasa.audit.services import record
from dilasa.consent.selectors import has_consent
from dilasa.records import selectors, services
from dilasa.records.models import Addendum, Attachment, Homework, Note, NoteRevision, Supervision, TreatmentPlan
from dilasa.scheduling.selectors import in_care

SUPERVISION_CONSENT = "supervision"


@dataclass(frozen=True)
class RecordAccess:
    """Granted: `user` may open `therapist`'s folder about `client`, for `purpose`."""

    user: User
    client: User
    therapist: User
    purpose: Purpose

    @property
    def can_write(self) -> bool:
        return self.purpose == Purpose.CARE

    @property
    def read_only(self) -> bool:
        return not self.can_write


def _supervises(supervisor: User, therapist: User) -> bool:
    organisation_id = supervisor.organisation_id
    return (
        organisation_id is not None
        and therapist.organisation_id == organisation_id
        and Supervision.objects.filter(
            supervisor=supervisor,
            supervisee=therapist,
            organisation_id=organisation_id,
            ended_at__isnull=True,
        ).exists()
    )


def _user(user_id: int | None, role: Role) -> User:
    found = User.objects.filter(pk=user_id, role=role).first() if user_id is not None else None
    if found is None:
        raise Http404
    return found


def access_client_record(
    *, user: User, client_id: int, purpose: Purpose, therapist_id: int | None = None
) -> RecordAccess:
    """May `user` open the folder `therapist_id` keeps about `client_id` (their own if None) for `purpose`?

    The grant, or Http404. It writes no audit event itself: the functions below call it and audit what they
    then read or write. A clinic admin asks with Purpose.EMERGENCY; it holds only while their break-glass
    grant for this client (dilasa.audit.services.emergency_access_open) is unexpired.
    """
    if not user.is_authenticated or not user.is_active:
        raise Http404
    client = _user(client_id, Role.CLIENT)
    if purpose == Purpose.CARE:
        if therapist_id not in (None, user.pk) or not practising(user):
            raise Http404
        if not in_care(therapist_id=user.pk, client_id=client.pk):
            raise Http404
        return RecordAccess(user=user, client=client, therapist=user, purpose=purpose)
    therapist = _user(therapist_id, Role.THERAPIST)
    if purpose == Purpose.SUPERVISION:
        if therapist.pk == user.pk or not practising(user) or not _supervises(user, therapist):
            raise Http404
        if not in_care(therapist_id=therapist.pk, client_id=client.pk):
            raise Http404
        if not has_consent(client.pk, SUPERVISION_CONSENT):
            raise Http404
        return RecordAccess(user=user, client=client, therapist=therapist, purpose=purpose)
    if purpose == Purpose.EMERGENCY:
        if user.role != Role.CLINIC_ADMIN or user.organisation_id is None:
            raise Http404
        if therapist.organisation_id != user.organisation_id:
            raise Http404
        if active_emergency_grant(user.pk, client.pk) is None:
            raise Http404
        return RecordAccess(user=user, client=client, therapist=therapist, purpose=purpose)
    raise Http404


def _purpose_for(user: User, therapist_id: int) -> Purpose:
    """Why `user` would open a folder of `therapist_id`: their own (care), an admin's emergency, or supervision."""
    if user.pk == therapist_id:
        return Purpose.CARE
    if user.role == Role.CLINIC_ADMIN:
        return Purpose.EMERGENCY
    return Purpose.SUPERVISION


def _audit(access: RecordAccess, action: Action, target: str) -> None:
    record(actor=access.user, subject_id=access.client.pk, action=action, target=target, purpose=access.purpose)


def _for_writing(access: RecordAccess) -> RecordAccess:
    if not access.can_write:
        raise Http404
    return access


def client_target(client_id: int) -> str:
    return f"records.client:{client_id}"


# --- reads --------------------------------------------------------------------------------------------------


def open_record(
    *, user: User, client_id: int, purpose: Purpose = Purpose.CARE, therapist_id: int | None = None
) -> tuple[RecordAccess, selectors.RecordText]:
    """The folder page: the list of notes, the current plan, homework and attachment names."""
    with transaction.atomic():
        access = access_client_record(user=user, client_id=client_id, purpose=purpose, therapist_id=therapist_id)
        text = selectors.record_text(client=access.client, therapist=access.therapist)
        _audit(access, Action.READ, client_target(access.client.pk))
    return access, text


def _note_access(user: User, note_id: int, *, lock: bool = False) -> tuple[RecordAccess, Note]:
    rows = Note.objects.select_for_update() if lock else Note.objects.all()
    note = rows.filter(pk=note_id).first()
    if note is None or not user.is_authenticated:
        raise Http404
    access = access_client_record(
        user=user,
        client_id=note.client_id,
        purpose=_purpose_for(user, note.therapist_id),
        therapist_id=note.therapist_id,
    )
    return access, note


def note_target(note_id: int) -> str:
    return f"records.note:{note_id}"


def open_note(*, user: User, note_id: int) -> tuple[RecordAccess, selectors.NoteText]:
    """The note as it stands (its latest revision) and its addenda."""
    with transaction.atomic():
        access, note = _note_access(user, note_id)
        text = selectors.note_text(note)
        _audit(access, Action.READ, note_target(note.pk))
    return access, text


def open_note_history(*, user: User, note_id: int) -> tuple[RecordAccess, Note, list[selectors.RevisionText]]:
    """Every revision of the note, newest first, with who saved it and when."""
    with transaction.atomic():
        access, note = _note_access(user, note_id)
        revisions = selectors.note_revisions(note)
        _audit(access, Action.READ, note_target(note.pk))
    return access, note, revisions


def plan_target(plan_id: int) -> str:
    return f"records.plan:{plan_id}"


def open_plan(*, user: User, client_id: int) -> tuple[RecordAccess, selectors.PlanText | None]:
    """The therapist's current plan for editing (None before the first is written: nothing read, nothing audited)."""
    with transaction.atomic():
        access = access_client_record(user=user, client_id=client_id, purpose=Purpose.CARE)
        plan = TreatmentPlan.objects.filter(client=access.client, therapist=access.therapist).first()
        if plan is None or plan.revision == 0:
            return access, None
        text = selectors.plan_text(plan)
        _audit(access, Action.READ, plan_target(plan.pk))
    return access, text


def open_plan_history(*, user: User, plan_id: int) -> tuple[RecordAccess, list[selectors.PlanText]]:
    with transaction.atomic():
        plan = TreatmentPlan.objects.filter(pk=plan_id).first()
        if plan is None or not user.is_authenticated:
            raise Http404
        access = access_client_record(
            user=user,
            client_id=plan.client_id,
            purpose=_purpose_for(user, plan.therapist_id),
            therapist_id=plan.therapist_id,
        )
        revisions = selectors.plan_revisions(plan)
        _audit(access, Action.READ, plan_target(plan.pk))
    return access, revisions


def homework_target(homework_id: int) -> str:
    return f"records.homework:{homework_id}"


def _homework_access(user: User, homework_id: int) -> tuple[RecordAccess, Homework]:
    item = Homework.objects.filter(pk=homework_id).first()
    if item is None or not user.is_authenticated:
        raise Http404
    access = access_client_record(
        user=user,
        client_id=item.client_id,
        purpose=_purpose_for(user, item.therapist_id),
        therapist_id=item.therapist_id,
    )
    return access, item


def open_homework(*, user: User, homework_id: int) -> tuple[RecordAccess, selectors.HomeworkText]:
    with transaction.atomic():
        access, item = _homework_access(user, homework_id)
        text = selectors.homework_text(item)
        _audit(access, Action.READ, homework_target(item.pk))
    return access, text


def attachment_target(attachment_id: int) -> str:
    return f"records.attachment:{attachment_id}"


@dataclass(frozen=True)
class AttachmentFile:
    name: str
    content_type: str
    data: bytes


def open_attachment(*, user: User, attachment_id: int) -> AttachmentFile:
    with transaction.atomic():
        item = Attachment.objects.filter(pk=attachment_id).first()
        if item is None or not user.is_authenticated:
            raise Http404
        access = access_client_record(
            user=user,
            client_id=item.client_id,
            purpose=_purpose_for(user, item.therapist_id),
            therapist_id=item.therapist_id,
        )
        found = AttachmentFile(
            name=selectors.attachment_meta(item).name,
            content_type=item.content_type,
            data=selectors.attachment_bytes(item),
        )
        _audit(access, Action.READ, attachment_target(item.pk))
    return found


# --- writes (the folder's own therapist only) --------------------------------------------------------------------


def write_note(
    *, user: User, client_id: int, template: str, sections: Mapping[str, str], appointment_id: int | None = None
) -> Note:
    with transaction.atomic():
        access = _for_writing(access_client_record(user=user, client_id=client_id, purpose=Purpose.CARE))
        note = services.note_create(
            therapist=access.therapist,
            client=access.client,
            template=template,
            sections=sections,
            appointment_id=appointment_id,
        )
        _audit(access, Action.WRITE, note_target(note.pk))
    return note


def write_note_revision(*, user: User, note_id: int, sections: Mapping[str, str], base_revision: int) -> NoteRevision:
    with transaction.atomic():
        access, note = _note_access(user, note_id, lock=True)
        _for_writing(access)
        revision = services.note_update(note=note, by=user, sections=sections, base_revision=base_revision)
        _audit(access, Action.WRITE, note_target(note.pk))
    return revision


def write_note_signature(*, user: User, note_id: int) -> Note:
    with transaction.atomic():
        access, note = _note_access(user, note_id, lock=True)
        _for_writing(access)
        if note.signed_at is not None:
            return note  # signing twice changes nothing, and writes nothing
        signed = services.note_sign(note=note, by=user)
        _audit(access, Action.WRITE, note_target(note.pk))
    return signed


def write_addendum(*, user: User, note_id: int, body: str) -> Addendum:
    with transaction.atomic():
        access, note = _note_access(user, note_id, lock=True)
        _for_writing(access)
        addendum = services.addendum_add(note=note, by=user, body=body)
        _audit(access, Action.WRITE, note_target(note.pk))
    return addendum


def write_plan(
    *, user: User, client_id: int, goals: str, interventions: str, review_on: date | None, base_revision: int
) -> TreatmentPlan:
    with transaction.atomic():
        access = _for_writing(access_client_record(user=user, client_id=client_id, purpose=Purpose.CARE))
        revision = services.plan_save(
            therapist=access.therapist,
            client=access.client,
            goals=goals,
            interventions=interventions,
            review_on=review_on,
            base_revision=base_revision,
        )
        _audit(access, Action.WRITE, plan_target(revision.plan_id))
    return revision.plan


def write_homework(*, user: User, client_id: int, title: str, instructions: str, due_on: date | None) -> Homework:
    with transaction.atomic():
        access = _for_writing(access_client_record(user=user, client_id=client_id, purpose=Purpose.CARE))
        item = services.homework_create(
            therapist=access.therapist, client=access.client, title=title, instructions=instructions, due_on=due_on
        )
        _audit(access, Action.WRITE, homework_target(item.pk))
    return item


def write_homework_record(
    *,
    user: User,
    homework_id: int,
    title: str,
    instructions: str,
    due_on: date | None,
    status: str,
    observations: str,
) -> Homework:
    with transaction.atomic():
        access, item = _homework_access(user, homework_id)
        _for_writing(access)
        item = services.homework_update(
            item=item, title=title, instructions=instructions, due_on=due_on, status=status, observations=observations
        )
        _audit(access, Action.WRITE, homework_target(item.pk))
    return item


def write_attachment(*, user: User, client_id: int, name: str, data: bytes) -> Attachment:
    with transaction.atomic():
        access = _for_writing(access_client_record(user=user, client_id=client_id, purpose=Purpose.CARE))
        item = services.attachment_add(therapist=access.therapist, client=access.client, name=name, data=data)
        _audit(access, Action.WRITE, attachment_target(item.pk))
    return item


# --- supervision assignments (no clinical text) ----------------------------------------------------------------


def access_clinic_supervision(*, admin: User, supervision_id: int) -> Supervision:
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise Http404
    found = Supervision.objects.filter(pk=supervision_id, organisation_id=admin.organisation_id).first()
    if found is None:
        raise Http404
    return found


def may_review(*, supervisor: User, therapist_id: int, client_id: int) -> bool:
    """For listing: would a supervision read of this folder be allowed now? (The read itself checks again.)"""
    try:
        access_client_record(
            user=supervisor, client_id=client_id, purpose=Purpose.SUPERVISION, therapist_id=therapist_id
        )
    except Http404:
        return False
    return True


def note_for_form(*, user: User, note_id: int) -> Note:
    """The note's row (template, revision number, signed or not: no clinical text, so no audit) for a form
    its own therapist is filling in; Http404 for anyone else."""
    access, note = _note_access(user, note_id)
    _for_writing(access)
    return note


def homework_for_form(*, user: User, homework_id: int) -> Homework:
    access, item = _homework_access(user, homework_id)
    _for_writing(access)
    return item


def emergency_folders(*, admin: User, client_id: int) -> list[User]:
    """The therapists of the admin's clinic who keep a folder about the client, while the admin's break-glass
    grant holds (names only: each folder is opened, and audited, on its own page)."""
    if admin.role != Role.CLINIC_ADMIN or admin.organisation_id is None:
        raise Http404
    if active_emergency_grant(admin.pk, client_id) is None:
        raise Http404
    kept = set(Note.objects.filter(client_id=client_id).values_list("therapist_id", flat=True))
    kept |= set(TreatmentPlan.objects.filter(client_id=client_id).values_list("therapist_id", flat=True))
    kept |= set(Homework.objects.filter(client_id=client_id).values_list("therapist_id", flat=True))
    kept |= set(Attachment.objects.filter(client_id=client_id).values_list("therapist_id", flat=True))
    return list(
        User.objects.filter(pk__in=kept, organisation_id=admin.organisation_id, role=Role.THERAPIST).order_by(
            "display_name"
        )
    )
