"""Reads for payments pages."""

from __future__ import annotations

from enum import Enum

from django.db.models import QuerySet

from dilasa.accounts.models import User
from dilasa.payments.models import OPEN_STATUSES, Payment, PaymentInstructions, PaymentStatus
from dilasa.scheduling.models import Appointment, FeeKind, Status


class PaymentState(Enum):
    FREE = "free"
    CANCELLED = "cancelled"
    DUE = "due"
    PENDING = "pending"
    PAID = "paid"


def needs_no_payment(appointment: Appointment) -> bool:
    return appointment.fee_kind == FeeKind.FREE or appointment.fee_pkr == 0


def appointment_payments(*, appointment: Appointment) -> list[Payment]:
    return list(Payment.objects.filter(appointment=appointment).order_by("-created_at"))


def payment_state(appointment: Appointment, payments: list[Payment]) -> PaymentState:
    if needs_no_payment(appointment):
        return PaymentState.FREE
    open_payment = next((p for p in payments if p.status in OPEN_STATUSES), None)
    if open_payment is not None:
        return PaymentState.PAID if open_payment.status == PaymentStatus.CONFIRMED else PaymentState.PENDING
    if appointment.status == Status.CANCELLED:
        return PaymentState.CANCELLED
    return PaymentState.DUE


def payment_instructions(*, organisation_id: int) -> str:
    found = PaymentInstructions.objects.filter(organisation_id=organisation_id).values_list("text", flat=True).first()
    return found or ""


def _clinic_of(admin: User) -> int:
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise ValueError("only a clinic admin reviews payments")
    return admin.organisation_id


def clinic_pending_payments(*, admin: User) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(organisation_id=_clinic_of(admin), status=PaymentStatus.PENDING)
        .select_related("appointment", "appointment__therapist", "payer")
        .order_by("created_at")
    )


def clinic_recent_payments(*, admin: User, limit: int = 20) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(organisation_id=_clinic_of(admin))
        .exclude(status=PaymentStatus.PENDING)
        .select_related("appointment", "payer")
        .order_by("-reviewed_at", "-pk")[:limit]
    )
