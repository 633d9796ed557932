"""Writes for scheduling: booking terms, hours, time off, booking, moving and cancelling.

Double bookings are refused by the database (see migration 0002); the check
here only decides whether a time is on offer, and the database has the last word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import Role, User
from dilasa.scheduling import reminders
from dilasa.scheduling.models import (
    Appointment,
    AvailabilityException,
    ClinicPolicy,
    ExceptionKind,
    FeeKind,
    Mode,
    PracticeSettings,
    Status,
    WeeklyHours,
)
from dilasa.scheduling.slots import Slot, open_slots


class SlotTakenError(ValidationError):
    """Someone else booked this time a moment ago."""

    def __init__(self) -> None:
        super().__init__(_("This time was just taken. Please choose another."), code="slot_taken")


# --- booking terms and hours ------------------------------------------------


def practice_update(*, therapist: User, **fields: Any) -> PracticeSettings:
    if not therapist.is_therapist:
        raise ValidationError(_("Only therapists have booking settings."), code="forbidden")
    practice, _created = PracticeSettings.objects.get_or_create(therapist=therapist)
    for name, value in fields.items():
        if not hasattr(practice, name) or name in {"id", "therapist", "therapist_id", "created_at", "updated_at"}:
            raise ValueError(f"unknown practice field {name}")
        setattr(practice, name, value)
    errors: dict[str, list[str]] = {}
    if not practice.offered_modes():
        errors.setdefault("offers_video", []).append(_("Offer at least one way to meet."))
    if practice.offers_in_person and not practice.clinic_address.strip():
        errors.setdefault("clinic_address", []).append(_("Give the address where clients meet you in person."))
    if practice.sliding_scale and (practice.fee_min_pkr is None or practice.fee_min_pkr > practice.fee_pkr):
        errors.setdefault("fee_min_pkr", []).append(_("The lowest sliding-scale fee must be at most the full fee."))
    if errors:
        raise ValidationError(errors)
    practice.full_clean(exclude=["therapist"])
    practice.save()
    return practice


@dataclass(frozen=True)
class HoursRow:
    weekday: int
    start: time
    end: time
    online: bool = True
    in_person: bool = False
    free: bool = False


def weekly_hours_replace(*, therapist: User, rows: Sequence[HoursRow]) -> None:
    """Replace the therapist's weekly hours; windows on one day must not overlap."""
    if not therapist.is_therapist:
        raise ValidationError(_("Only therapists have working hours."), code="forbidden")
    by_day: dict[int, list[HoursRow]] = {}
    for row in rows:
        if not 0 <= row.weekday <= 6:
            raise ValidationError(_("Choose a day of the week."), code="bad_weekday")
        if row.start >= row.end:
            raise ValidationError(_("Each period must end after it starts."), code="bad_period")
        if not (row.online or row.in_person):
            raise ValidationError(_("Each period must be online, in person, or both."), code="no_mode")
        by_day.setdefault(row.weekday, []).append(row)
    for day_rows in by_day.values():
        day_rows.sort(key=lambda r: r.start)
        for earlier, later in pairwise(day_rows):
            if later.start < earlier.end:
                raise ValidationError(_("Two periods on the same day overlap."), code="overlapping_hours")
    with transaction.atomic():
        WeeklyHours.objects.filter(therapist=therapist).delete()
        WeeklyHours.objects.bulk_create(
            WeeklyHours(
                therapist=therapist,
                weekday=r.weekday,
                start=r.start,
                end=r.end,
                online=r.online,
                in_person=r.in_person,
                free=r.free,
            )
            for r in rows
        )


def exception_add(
    *,
    therapist: User,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    online: bool = True,
    in_person: bool = False,
    note: str = "",
) -> AvailabilityException:
    if not therapist.is_therapist:
        raise ValidationError(_("Only therapists have working hours."), code="forbidden")
    if kind not in ExceptionKind.values:
        raise ValidationError(_("Choose time off or extra hours."), code="bad_kind")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("exception times must be aware")
    if starts_at >= ends_at:
        raise ValidationError(_("The end must come after the start."), code="bad_period")
    if kind == ExceptionKind.EXTRA and not (online or in_person):
        raise ValidationError(_("Extra hours must be online, in person, or both."), code="no_mode")
    with transaction.atomic():
        overlapping = AvailabilityException.objects.select_for_update().filter(
            therapist=therapist, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        if overlapping.exists():
            raise ValidationError(
                _("This overlaps another change to your hours. Edit or remove that one first."),
                code="overlapping_exceptions",
            )
        return AvailabilityException.objects.create(
            therapist=therapist,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            online=online,
            in_person=in_person,
            note=note.strip()[:120],
        )


def exception_remove(*, therapist: User, exception_id: int) -> None:
    deleted, _rows = AvailabilityException.objects.filter(therapist=therapist, pk=exception_id).delete()
    if not deleted:
        raise ValidationError(_("That change to your hours no longer exists."), code="not_found")


# --- booking -------------------------------------------------------------------


def clinic_policy_update(*, admin: User, cancel_cutoff_hours: int, reschedule_cutoff_hours: int) -> ClinicPolicy:
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise ValidationError(_("Only a clinic administrator can change this."), code="forbidden")
    policy = _policy(admin.organisation_id)
    policy.cancel_cutoff_hours = cancel_cutoff_hours
    policy.reschedule_cutoff_hours = reschedule_cutoff_hours
    policy.full_clean(exclude=["organisation"])
    policy.save()
    return policy


def _policy(organisation_id: int) -> ClinicPolicy:
    return ClinicPolicy.objects.get_or_create(organisation_id=organisation_id)[0]


def _find_slot(therapist: User, starts_at: datetime, *, ignore_notice: bool) -> Slot | None:
    for slot in open_slots(
        therapist_id=therapist.pk,
        start=starts_at,
        end=starts_at + timedelta(seconds=1),
        ignore_notice=ignore_notice,
    ):
        if slot.start == starts_at:
            return slot
    return None


def _check_bookable(
    *, client: User, therapist: User, starts_at: datetime, mode: str, by: User
) -> tuple[Slot, PracticeSettings]:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be aware")
    if not client.is_client or not client.is_active:
        raise ValidationError(_("Appointments are booked for clients."), code="not_a_client")
    if not therapist.is_therapist or not therapist.is_active or therapist.clinic_verified_at is None:
        raise ValidationError(_("This therapist is not taking bookings."), code="therapist_unavailable")
    if by.pk not in (client.pk, therapist.pk):
        raise ValidationError(_("Only the client or their therapist can book this."), code="forbidden")
    practice = PracticeSettings.objects.filter(therapist=therapist).first()
    if practice is None:
        raise ValidationError(_("This therapist is not taking bookings."), code="therapist_unavailable")
    if mode not in Mode.values or not practice.offers(mode):
        raise ValidationError(_("This therapist does not offer that kind of session."), code="mode_not_offered")
    if starts_at <= timezone.now():
        raise ValidationError(_("That time has already passed."), code="in_the_past")
    slot = _find_slot(therapist, starts_at, ignore_notice=by.pk == therapist.pk)
    if slot is None:
        session_end = starts_at + timedelta(minutes=practice.session_minutes)
        taken = Appointment.objects.filter(
            therapist=therapist, starts_at__lt=session_end, blocks_until__gt=starts_at
        ).exclude(status=Status.CANCELLED)
        if taken.exists():
            raise SlotTakenError
        raise ValidationError(_("That time is not open. Please choose one of the times shown."), code="not_open")
    if mode not in slot.modes:
        raise ValidationError(_("That kind of session is not offered at this time."), code="mode_not_at_time")
    return slot, practice


def _fee(practice: PracticeSettings, slot: Slot, fee_kind: str | None, fee_pkr: int | None) -> tuple[str, int]:
    if slot.free or practice.fee_pkr == 0:
        return FeeKind.FREE, 0
    if fee_kind == FeeKind.SLIDING and practice.sliding_scale and practice.fee_min_pkr is not None:
        amount = practice.fee_min_pkr if fee_pkr is None else fee_pkr
        if not practice.fee_min_pkr <= amount <= practice.fee_pkr:
            raise ValidationError(
                _("Choose a fee between %(low)s and %(high)s rupees.")
                % {"low": practice.fee_min_pkr, "high": practice.fee_pkr},
                code="bad_fee",
            )
        return FeeKind.SLIDING, amount
    return FeeKind.STANDARD, practice.fee_pkr


def _insert(**fields: Any) -> Appointment:
    try:
        with transaction.atomic():
            return Appointment.objects.create(**fields)
    except IntegrityError as error:
        # The exclusion constraint (PostgreSQL) or trigger (SQLite) refused an overlap.
        raise SlotTakenError from error


def appointment_book(
    *,
    client: User,
    therapist: User,
    starts_at: datetime,
    mode: str,
    booked_by: User,
    fee_kind: str | None = None,
    fee_pkr: int | None = None,
) -> Appointment:
    slot, practice = _check_bookable(client=client, therapist=therapist, starts_at=starts_at, mode=mode, by=booked_by)
    kind, amount = _fee(practice, slot, fee_kind, fee_pkr)
    if therapist.organisation_id is None:  # the database forbids it; this keeps the type checker honest
        raise ValidationError(_("This therapist is not taking bookings."), code="therapist_unavailable")
    appointment = _insert(
        therapist=therapist,
        client=client,
        organisation_id=therapist.organisation_id,
        starts_at=slot.start,
        ends_at=slot.end,
        blocks_until=slot.end + timedelta(minutes=practice.buffer_minutes),
        mode=mode,
        fee_kind=kind,
        fee_pkr=amount,
        booked_by=booked_by,
    )
    transaction.on_commit(lambda: reminders.schedule_reminders(appointment.pk))
    return appointment


def _hours_until(appointment: Appointment) -> float:
    return (appointment.starts_at - timezone.now()).total_seconds() / 3600


def appointment_cancel(*, appointment: Appointment, by: User) -> Appointment:
    """Cancel; a client cancelling inside the clinic's cut-off is marked as a late cancel."""
    if by.pk not in (appointment.client_id, appointment.therapist_id):
        raise ValidationError(_("Only the client or their therapist can cancel this."), code="forbidden")
    with transaction.atomic():
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if current.status != Status.BOOKED:
            raise ValidationError(_("This appointment is no longer booked."), code="not_booked")
        if current.starts_at <= timezone.now():
            raise ValidationError(_("This appointment has already started."), code="started")
        policy = _policy(current.organisation_id)
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancelled_by = by
        current.late_cancel = by.pk == current.client_id and _hours_until(current) < policy.cancel_cutoff_hours
        current.save(update_fields=["status", "cancelled_at", "cancelled_by", "late_cancel", "updated_at"])
    return current


def appointment_reschedule(
    *, appointment: Appointment, by: User, starts_at: datetime, mode: str | None = None
) -> Appointment:
    """Move to a new open time in one transaction: the old slot is freed only if the new one is won."""
    if by.pk not in (appointment.client_id, appointment.therapist_id):
        raise ValidationError(_("Only the client or their therapist can move this."), code="forbidden")
    with transaction.atomic():
        current = Appointment.objects.select_for_update().select_related("client", "therapist").get(pk=appointment.pk)
        if current.status != Status.BOOKED or current.starts_at <= timezone.now():
            raise ValidationError(_("This appointment can no longer be moved."), code="not_movable")
        policy = _policy(current.organisation_id)
        if by.pk == current.client_id and _hours_until(current) < policy.reschedule_cutoff_hours:
            raise ValidationError(
                _("It is too late to move this appointment online. Please message your therapist."),
                code="too_late",
            )
        current.status = Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancelled_by = by
        current.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
        moved = appointment_book(
            client=current.client,
            therapist=current.therapist,
            starts_at=starts_at,
            mode=mode or current.mode,
            booked_by=by,
            fee_kind=current.fee_kind if current.fee_kind == FeeKind.SLIDING else None,
            fee_pkr=current.fee_pkr if current.fee_kind == FeeKind.SLIDING else None,
        )
        moved.rescheduled_from = current
        moved.save(update_fields=["rescheduled_from"])
    return moved


def appointment_mark(*, appointment: Appointment, by: User, status: str) -> Appointment:
    """The therapist records how a past appointment went: completed or did not attend."""
    if by.pk != appointment.therapist_id or by.role != Role.THERAPIST:
        raise ValidationError(_("Only the therapist can record this."), code="forbidden")
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        raise ValidationError(_("Choose completed or did not attend."), code="bad_status")
    if appointment.status == Status.CANCELLED or appointment.starts_at > timezone.now():
        raise ValidationError(_("Only a past, booked appointment can be recorded."), code="not_past")
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    return appointment
