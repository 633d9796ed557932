"""Writes for data rights: the audited export, asking for erasure, cancelling it, and erasing when due.

Every step is audited in the same transaction: an export (EXPORT), a request and a cancellation (WRITE),
the erasure itself and the later removal of what retention kept (ERASE). The audit trail is never
rewritten: it names ids, and the erased account stays as an anonymous row with its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.models import User, new_security_stamp
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record
from dilasa.core.i18n import local_datetime
from dilasa.core.languages import supported, zone_named
from dilasa.core.notify import notify, site_link
from dilasa.rights import collect, erasure
from dilasa.rights.models import ErasureRequest, ErasureState
from dilasa.scheduling.models import Appointment, Status
from dilasa.scheduling.selectors import care_team
from dilasa.scheduling.services import appointment_cancel

CANCEL_SALT = "dilasa.rights.erasure-cancel"


def export_target(client_id: int) -> str:
    return f"rights.export:{client_id}"


def erasure_target(request_id: int) -> str:
    return f"rights.erasure:{request_id}"


def client_export(*, client: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything about `client`, with the export itself recorded (and so listed in it)."""
    if not client.is_client:
        raise ValidationError(_("Only a client's own data can be downloaded here."), code="not_client")
    moment = now or timezone.now()
    with transaction.atomic():
        record(
            actor=client,
            subject_id=client.pk,
            action=Action.EXPORT,
            target=export_target(client.pk),
            purpose=Purpose.DATA_RIGHTS,
        )
        return collect.everything(client, now=moment)


# --- erasure --------------------------------------------------------------------------------------------


def grace_period() -> timedelta:
    return timedelta(days=int(settings.RIGHTS_ERASURE_GRACE_DAYS))


def cancel_token(request: ErasureRequest) -> str:
    return signing.dumps({"r": request.pk, "c": request.client_id}, salt=CANCEL_SALT)


def request_for_token(token: str) -> ErasureRequest | None:
    """The pending request a cancel link names, or None (bad, expired, or no longer pending)."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=grace_period() + timedelta(days=1))
    except signing.BadSignature:
        return None
    return ErasureRequest.objects.filter(pk=data.get("r"), client_id=data.get("c"), state=ErasureState.PENDING).first()


def erasure_request(*, client: User, now: datetime | None = None) -> ErasureRequest:
    """Ask for erasure: the account is disabled and signed out everywhere at once, upcoming appointments are
    cancelled, the care team is told, and the client gets a link to change their mind during the grace period."""
    if not client.is_client:
        raise ValidationError(_("Only a client account can be closed here."), code="not_client")
    moment = now or timezone.now()
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=client.pk)
            if ErasureRequest.objects.filter(client_id=locked.pk, state=ErasureState.PENDING).exists():
                raise ValidationError(_("You have already asked for this."), code="duplicate")
            request = ErasureRequest.objects.create(
                client_id=locked.pk, requested_at=moment, due_at=moment + grace_period()
            )
            therapists = list(care_team(client_id=locked.pk))
            upcoming = Appointment.objects.filter(client=locked, status=Status.BOOKED, starts_at__gt=moment)
            for item in upcoming:
                appointment_cancel(appointment=item, by=locked)
            User.objects.filter(pk=locked.pk).update(is_active=False, security_stamp=new_security_stamp())
            record(
                actor=locked,
                subject_id=locked.pk,
                action=Action.WRITE,
                target=erasure_target(request.pk),
                purpose=Purpose.DATA_RIGHTS,
            )
            token = cancel_token(request)
            transaction.on_commit(lambda: _tell_client(locked, request, token))
            transaction.on_commit(lambda: _tell_care_team(therapists))
            transaction.on_commit(lambda: _schedule(request))
    except IntegrityError:  # a second request raced the first past the check
        raise ValidationError(_("You have already asked for this."), code="duplicate") from None
    client.is_active = False
    return request


def erasure_cancel(*, request: ErasureRequest, password: str, now: datetime | None = None) -> User:
    """Change of mind within the grace period: the password, and the account is back as it was."""
    with transaction.atomic():
        current = ErasureRequest.objects.select_for_update().filter(pk=request.pk).first()
        if current is None or current.state != ErasureState.PENDING:
            raise ValidationError(_("This request has already been dealt with."), code="not_pending")
        client = User.objects.select_for_update().get(pk=current.client_id)
        if not client.check_password(password):
            raise ValidationError(_("That password is not right."), code="password")
        current.state = ErasureState.CANCELLED
        current.cancelled_at = now or timezone.now()
        current.save(update_fields=["state", "cancelled_at"])
        client.is_active = True
        client.save(update_fields=["is_active"])
        record(
            actor=client,
            subject_id=client.pk,
            action=Action.WRITE,
            target=erasure_target(current.pk),
            purpose=Purpose.DATA_RIGHTS,
        )
        return client


@dataclass(frozen=True)
class SweepResult:
    erased: int
    released: int  # accounts whose kept records were removed now that no rule keeps them


def erasure_run_due(*, now: datetime | None = None) -> SweepResult:
    """Erase every account whose grace period has ended, and remove kept records whose time has come.
    Safe to run as often as you like."""
    moment = now or timezone.now()
    erased = released = 0
    due = ErasureRequest.objects.filter(state=ErasureState.PENDING, due_at__lte=moment).values_list("pk", flat=True)
    for request_id in list(due):
        erased += erase_account(request_id=request_id, now=moment)
    keeping = ErasureRequest.objects.filter(state=ErasureState.RETAINING).values_list("pk", flat=True)
    for request_id in list(keeping):
        released += release_kept(request_id=request_id, now=moment)
    return SweepResult(erased, released)


def erase_account(*, request_id: int, now: datetime) -> int:
    """Erase one account whose grace period has ended. 1 if erased now, 0 if not (cancelled, not due, done)."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.state != ErasureState.PENDING or request.due_at > now:
            return 0
        client = User.objects.select_for_update().get(pk=request.client_id)
        retention = erasure.retention_for(client.pk)
        erasure.erase_personal(client)
        _erase_released(client, retention, now)
        request.erased_at = now
        request.clinical_until = retention.clinical_until
        request.financial_until = retention.financial_until
        keeps = retention.keeps_clinical(now) or retention.keeps_financial(now)
        request.state = ErasureState.RETAINING if keeps else ErasureState.DONE
        request.save()
        record(
            actor=None,
            subject_id=client.pk,
            action=Action.ERASE,
            target=erasure_target(request.pk),
            purpose=Purpose.DATA_RIGHTS,
        )
        return 1


def release_kept(*, request_id: int, now: datetime) -> int:
    """Remove what a retention rule kept, once it no longer keeps it."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.state != ErasureState.RETAINING:
            return 0
        retention = erasure.Retention(request.clinical_until, request.financial_until)
        if retention.keeps_clinical(now) and retention.keeps_financial(now):
            return 0
        client = User.objects.select_for_update().get(pk=request.client_id)
        _erase_released(client, retention, now)
        if retention.keeps_clinical(now) or retention.keeps_financial(now):
            return 0
        request.state = ErasureState.DONE
        request.save(update_fields=["state"])
        record(
            actor=None,
            subject_id=client.pk,
            action=Action.ERASE,
            target=erasure_target(request.pk),
            purpose=Purpose.DATA_RIGHTS,
        )
        return 1


def _erase_released(client: User, retention: erasure.Retention, now: datetime) -> None:
    if not retention.keeps_clinical(now):
        erasure.erase_clinical(client)
    if not retention.keeps_financial(now):
        erasure.erase_financial(client)
        if not retention.keeps_clinical(now):
            erasure.erase_appointments(client)


# --- after commit --------------------------------------------------------------------------------------


def _tell_client(client: User, request: ErasureRequest, token: str) -> None:
    link = site_link(reverse("rights:cancel", args=[token]))
    with (
        translation.override(supported(client.language) or settings.LANGUAGE_CODE),
        timezone.override(zone_named(client.time_zone)),
    ):
        context = {"when": local_datetime(request.due_at), "link": link}
        subject = render_to_string("rights/notices/closing_subject.txt", context).strip()
        body = render_to_string("rights/notices/closing_body.txt", context).strip()
    notify(channel=str(client.login_kind), to=client.login, subject=subject, body=body)


def _tell_care_team(therapists: list[User]) -> None:
    """A neutral notice: no name, no clinical word. The therapist's calendar shows what was cancelled."""
    for therapist in therapists:
        with translation.override(supported(therapist.language) or settings.LANGUAGE_CODE):
            subject = render_to_string("rights/notices/client_left_subject.txt", {}).strip()
            body = render_to_string("rights/notices/client_left_body.txt", {"site_url": settings.SITE_URL}).strip()
        notify(channel=str(therapist.login_kind), to=therapist.login, subject=subject, body=body)


def _schedule(request: ErasureRequest) -> None:
    """With a task worker, erase on the day; the `erase_due_accounts` sweep is the safety net (and the only
    way with the immediate backend, which cannot wait)."""
    from dilasa.rights.tasks import erase_when_due

    if erase_when_due.get_backend().supports_defer:
        erase_when_due.using(run_after=request.due_at).enqueue(request_id=request.pk)


def cancel_url(request: ErasureRequest) -> str:
    return reverse("rights:cancel", args=[cancel_token(request)])


def retention_set(*, admin: User, rule: Any, clinical_years: int, financial_years: int) -> None:
    """The clinic admin sets their clinic's rule (and only theirs)."""
    if not admin.is_clinic_admin or rule.organisation_id != admin.organisation_id:
        raise ValidationError(_("Only this clinic's administrator can change this."), code="forbidden")
    rule.clinical_years = clinical_years
    rule.financial_years = financial_years
    rule.save(update_fields=["clinical_years", "financial_years", "updated_at"])
