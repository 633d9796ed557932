"""Checked fetches for payments: "not found" for missing and forbidden alike."""

from __future__ import annotations

from django.http import Http404

from dilasa.accounts.models import User
from dilasa.payments.models import Payment
from dilasa.scheduling.access import access_appointment
from dilasa.scheduling.models import Appointment


def access_appointment_to_pay(*, user: User, appointment_id: int) -> Appointment:
    """An appointment `user` is the client of, or 404 (its therapist and clinic admins do not pay for it)."""
    appointment = access_appointment(user=user, appointment_id=appointment_id)
    if appointment.client_id != user.pk:
        raise Http404
    return appointment


def access_payment(*, user: User, payment_id: int) -> Payment:
    """A payment seen by the person who made it, or by an admin of the clinic it was made to; else 404."""
    payment = (
        Payment.objects.select_related("appointment", "payer", "organisation", "reviewed_by")
        .filter(pk=payment_id)
        .first()
    )
    if payment is None:
        raise Http404
    if payment.payer_id == user.pk or _reviews(user, payment):
        return payment
    raise Http404


def access_payment_to_review(*, admin: User, payment_id: int) -> Payment:
    """A payment to the admin's own clinic, or 404."""
    payment = Payment.objects.select_related("appointment", "payer").filter(pk=payment_id).first()
    if payment is None or not _reviews(admin, payment):
        raise Http404
    return payment


def _reviews(user: User, payment: Payment) -> bool:
    return user.is_clinic_admin and user.organisation_id is not None and user.organisation_id == payment.organisation_id
