"""Writes of the crisis pathway: raising a flag, telling the people who must see it, acknowledging it,
escalating what nobody acknowledged, and the clinic's own on-call admin and helplines.

Who sees a flag (selectors.flag_recipients): the client's care team (dilasa.scheduling care_team) and the
on-call admin of each clinic those therapists belong to (OnCall; without one, every admin of that clinic).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.models import Organisation, Role, User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record
from dilasa.core.crypto import seal, unseal
from dilasa.core.languages import supported
from dilasa.core.notify import notify, site_link
from dilasa.safety.models import ClinicHelpline, Flag, FlagAction, FlagSource, OnCall
from dilasa.safety.selectors import flag_recipients

# A second press (or a second questionnaire) from the same source within this window joins the open flag.
SAME_FLAG_WINDOW = timedelta(minutes=15)
# Unacknowledged this long after the last notice: tell the on-call admins again (and, from the second
# time, every admin of the clinic).
ESCALATE_AFTER = timedelta(minutes=30)
NOTE_MAX = 2000
DETAIL_MAX = 500


def flag_target(flag: Flag) -> str:
    return f"safety.flag:{flag.pk}"


def detail_context(flag_id: int, client_id: int) -> str:
    return f"safety.flag.detail:{flag_id}:{client_id}"


def note_context(flag_id: int, client_id: int) -> str:
    return f"safety.flag.note:{flag_id}:{client_id}"


def flag_detail(flag: Flag) -> str:
    """For a view that already went through access.access_flag (which audits the read)."""
    return unseal(bytes(flag.detail), context=detail_context(flag.pk, flag.client_id)) if flag.detail else ""


def flag_note(flag: Flag) -> str:
    return unseal(bytes(flag.note), context=note_context(flag.pk, flag.client_id)) if flag.note else ""


def raise_flag(*, client: User, source: str, raised_by: User | None = None, detail: str = "") -> Flag:
    """Raise a flag about `client` for their therapists and the clinic's on-call admin, and tell them.

    Idempotent for double submits: an open flag about the same client from the same source raised within
    SAME_FLAG_WINDOW is returned instead of a new one (and nobody is told twice). Audited as a WRITE.
    `detail` (e.g. which answer) is sealed; it is never put in a notice.
    """
    if source not in FlagSource.values:
        raise ValueError(f"unknown flag source {source!r}")
    if client.role != Role.CLIENT:
        raise ValueError("flags are raised about clients")
    detail = detail.strip()[:DETAIL_MAX]
    with transaction.atomic():
        # One writer per client at a time, so two simultaneous presses cannot both find no open flag.
        User.objects.select_for_update().filter(pk=client.pk).first()
        now = timezone.now()
        existing = (
            Flag.objects.filter(
                client=client, source=source, acknowledged_at__isnull=True, raised_at__gte=now - SAME_FLAG_WINDOW
            )
            .order_by("-raised_at")
            .first()
        )
        if existing is not None:
            return existing
        flag = Flag.objects.create(client=client, source=source, raised_by=raised_by, raised_at=now, notified_at=now)
        if detail:
            flag.detail = seal(detail, context=detail_context(flag.pk, client.pk))
            flag.save(update_fields=["detail"])
        purpose = Purpose.OWN if raised_by is None or raised_by.pk == client.pk else Purpose.CARE
        record(actor=raised_by, subject_id=client.pk, action=Action.WRITE, target=flag_target(flag), purpose=purpose)
        people = list(flag_recipients(flag))
        transaction.on_commit(lambda: send_attention_notices(people))
    return flag


def send_attention_notices(people: list[User]) -> None:
    """Says only that something needs attention: no name, no reason, no clinical word. The link needs a sign-in."""
    for person in people:
        if not person.is_active:
            continue
        with translation.override(supported(person.language) or settings.LANGUAGE_CODE):
            context = {"link": site_link(reverse("safety:flags"))}
            subject = render_to_string("safety/notices/attention_subject.txt", context).strip()
            body = render_to_string("safety/notices/attention_body.txt", context).strip()
        notify(channel=str(person.login_kind), to=person.login, subject=subject, body=body)


def flag_acknowledge(*, flag: Flag, user: User, action: str, note: str = "") -> Flag:
    """`user` (already granted by access.access_flag) says what they did. A second acknowledgement is refused
    with a clear error and changes nothing. The note is sealed; the caller audits."""
    if action not in FlagAction.values:
        raise ValidationError(_("Choose what you did."), code="action")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(_("The note is too long (%(max)d characters at most).") % {"max": NOTE_MAX}, code="note")
    if action == FlagAction.OTHER and not note:
        raise ValidationError(_("Say in the note what you did."), code="note")
    with transaction.atomic():
        locked = Flag.objects.select_for_update().get(pk=flag.pk)
        if locked.acknowledged_at is not None:
            raise ValidationError(_("Someone has already acknowledged this."), code="acknowledged")
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = user
        locked.action = action
        locked.note = seal(note, context=note_context(locked.pk, locked.client_id)) if note else None
        locked.save(update_fields=["acknowledged_at", "acknowledged_by", "action", "note"])
    return locked


def escalate_due_flags(*, now: datetime | None = None) -> int:
    """Tell people again about every flag left unacknowledged ESCALATE_AFTER its last notice. Safe to run from
    several workers at once: each flag is claimed under a lock. Returns how many flags were escalated."""
    now = now or timezone.now()
    count = 0
    due_ids = list(
        Flag.objects.filter(acknowledged_at__isnull=True, notified_at__lte=now - ESCALATE_AFTER).values_list(
            "pk", flat=True
        )
    )
    for flag_id in due_ids:
        with transaction.atomic():
            flag = (
                Flag.objects.select_for_update()
                .filter(pk=flag_id, acknowledged_at__isnull=True, notified_at__lte=now - ESCALATE_AFTER)
                .first()
            )
            if flag is None:
                continue
            people = list(flag_recipients(flag, widen=flag.escalations + 1 >= 2))
            if not people:
                # Nobody to tell yet (a client with no therapist): left due, so whoever takes the client into
                # care is told at the next sweep; nothing is written meanwhile.
                continue
            flag.escalations += 1
            flag.notified_at = now
            flag.save(update_fields=["escalations", "notified_at"])
            record(
                actor=None,
                subject_id=flag.client_id,
                action=Action.WRITE,
                target=f"safety.escalation:{flag.pk}",
                purpose=Purpose.CARE,
            )
            transaction.on_commit(lambda people=people: send_attention_notices(people))  # type: ignore[misc]
            count += 1
    return count


def on_call_set(*, organisation: Organisation, admin: User | None, chosen_by: User) -> None:
    """Name the clinic's on-call admin (one of its active admins), or None for all its admins."""
    if admin is None:
        OnCall.objects.filter(organisation=organisation).delete()
        return
    if admin.role != Role.CLINIC_ADMIN or admin.organisation_id != organisation.pk or not admin.is_active:
        raise ValidationError(_("Choose one of this clinic's administrators."), code="admin")
    OnCall.objects.update_or_create(organisation=organisation, defaults={"admin": admin, "chosen_by": chosen_by})


def clinic_helpline_add(
    *, organisation: Organisation, added_by: User, name: str, number: str, hours: str, languages: str, purpose: str
) -> ClinicHelpline:
    return ClinicHelpline.objects.create(
        organisation=organisation,
        added_by=added_by,
        name=name.strip(),
        number=number.strip(),
        hours=hours.strip(),
        languages=languages.strip(),
        purpose=purpose.strip(),
    )


def clinic_helpline_remove(*, line: ClinicHelpline) -> None:
    line.delete()
