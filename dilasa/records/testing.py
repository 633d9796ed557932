"""Records fixtures for tests: a client in a therapist's care, booked straight into the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent
from dilasa.scheduling.models import Appointment, Mode, Status


def appointment_together(
    client: User, therapist: User, *, days_ago: int = 1, status: str = Status.COMPLETED
) -> Appointment:
    """A held session `days_ago` days back (booking rules belong to scheduling and are tested there)."""
    if therapist.organisation_id is None:
        raise ValueError("a therapist belongs to a clinic")
    starts_at = timezone.now() - timedelta(days=days_ago)
    ends_at = starts_at + timedelta(minutes=50)
    return Appointment.objects.create(
        client=client,
        therapist=therapist,
        organisation_id=therapist.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + timedelta(minutes=10),
        mode=Mode.VIDEO,
        status=status,
        booked_by=client,
    )


class AuditWatch:
    """What the audit trail gained since it was made: `watch = AuditWatch()`, act, then `watch.events()`."""

    def __init__(self) -> None:
        self.after = AccessEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    def events(self) -> list[AccessEvent]:
        return list(AccessEvent.objects.filter(seq__gt=self.after).order_by("seq"))

    def summary(self) -> list[tuple[str, str, str]]:
        """(action, target, purpose) of each new event."""
        return [(e.action, e.target, e.purpose) for e in self.events()]


@dataclass(frozen=True)
class Folder:
    client: int
    therapist: int
    note: int
    plan: int
    homework: int
    attachment: int


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def full_folder(client: User, therapist: User) -> Folder:
    """`therapist`'s folder about `client` (put in their care) with a note of two versions, a plan, homework
    and a file: long enough texts for the page budget to weigh real pages."""
    from dilasa.records import access

    appointment_together(client, therapist)
    long = " ".join(f"remark{n * 7919 % 1000}" for n in range(150))
    sections = {"subjective": long, "objective": long, "assessment": long, "plan": long}
    note = access.write_note(user=therapist, client_id=client.pk, template="soap", sections=sections)
    access.write_note_revision(user=therapist, note_id=note.pk, sections=sections, base_revision=1)
    plan = access.write_plan(
        user=therapist, client_id=client.pk, goals=long, interventions=long, review_on=None, base_revision=0
    )
    access.write_plan(
        user=therapist, client_id=client.pk, goals=long, interventions=long, review_on=None, base_revision=1
    )
    item = access.write_homework(
        user=therapist, client_id=client.pk, title="Sleep diary", instructions=long, due_on=None
    )
    attached = access.write_attachment(user=therapist, client_id=client.pk, name="letter.pdf", data=PDF_BYTES)
    return Folder(client.pk, therapist.pk, note.pk, plan.pk, item.pk, attached.pk)


def supervision_with_consent(therapist: User) -> User:
    """A verified colleague named `therapist`'s supervisor, with every client of `therapist`'s folders
    consenting to supervision."""
    from dilasa.accounts.models import Role
    from dilasa.consent.models import ConsentKind
    from dilasa.consent.testing import grant_current
    from dilasa.records.models import Note, Supervision

    if therapist.organisation is None:
        raise ValueError("a therapist belongs to a clinic")
    supervisor = User.objects.create_user(
        login="zara@example.com",
        password="a calm lake at dawn",  # noqa: S106 - test persona
        login_kind="email",
        display_name="Dr Zara",
        role=Role.THERAPIST,
        organisation=therapist.organisation,
        verified_at=timezone.now(),
        clinic_verified_at=timezone.now(),
    )
    Supervision.objects.create(
        organisation=therapist.organisation,
        supervisor=supervisor,
        supervisee=therapist,
        assigned_by=supervisor,
    )
    for client in User.objects.filter(pk__in=Note.objects.filter(therapist=therapist).values("client_id")):
        grant_current(client, ConsentKind.SUPERVISION)
    return supervisor
