"""Writes for payments: a client submits a payment, a clinic admin confirms, rejects or refunds it.

Each decision is a conditional update from the state it expects (pending -> confirmed, ...), so two
admins pressing "confirm" together make one confirmation and one receipt, on any database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.models import LoginKind, User
from dilasa.core.i18n import local_number, normalise_digits
from dilasa.core.notify import notify, site_link
from dilasa.payments.backends import get_backend
from dilasa.payments.models import OPEN_STATUSES, Payment, PaymentInstructions, PaymentMethod, PaymentStatus
from dilasa.payments.selectors import needs_no_payment
from dilasa.scheduling.models import Appointment, Status
from dilasa.scheduling.reminders import local_when, reader_language, reader_zone

REFERENCE_MIN: Final = 6
REFERENCE_MAX: Final = 40
INSTRUCTIONS_MAX: Final = 600
_REFERENCE: Final = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]*$")


def normalise_reference(raw: str) -> str:
    """A wallet transaction ID or bank reference: digits made ASCII, spaces collapsed, letters upper case."""
    text = " ".join(normalise_digits(raw).split()).upper()
    if not text:
        raise ValidationError({"reference": _("Enter the reference of your payment.")}, code="required")
    if not REFERENCE_MIN <= len(text) <= REFERENCE_MAX or not _REFERENCE.match(text) or not re.search(r"\d", text):
        raise ValidationError(
            {
                "reference": _(
                    "Enter the reference exactly as your wallet or bank shows it: "
                    "%(low)s to %(high)s letters and digits."
                )
                % {"low": REFERENCE_MIN, "high": REFERENCE_MAX}
            },
            code="bad_reference",
        )
    return text


@dataclass(frozen=True)
class PaymentStarted:
    payment: Payment
    redirect_url: str | None  # a gateway's page to send the payer to; None: wait for the clinic


def payment_submit(
    *, appointment: Appointment, payer: User, method: str, reference: str, amount_pkr: int
) -> PaymentStarted:
    """The client says they paid (or starts paying) for their appointment."""
    if payer.pk != appointment.client_id:
        raise ValidationError(_("Only the client of an appointment pays for it."), code="forbidden")
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose how you paid.")}, code="bad_method")
    reference = normalise_reference(reference)
    backend = get_backend()
    with transaction.atomic():
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if current.status == Status.CANCELLED:
            raise ValidationError(_("This appointment was cancelled, so there is nothing to pay."), code="cancelled")
        if needs_no_payment(current):
            raise ValidationError(_("This appointment is free, so there is nothing to pay."), code="free")
        if amount_pkr != current.fee_pkr:
            raise ValidationError(
                {
                    "amount_pkr": _("The fee for this appointment is %(amount)s rupees.")
                    % {"amount": local_number(current.fee_pkr)}
                },
                code="wrong_amount",
            )
        if Payment.objects.filter(appointment=current, status__in=OPEN_STATUSES).exists():
            raise ValidationError(_("This appointment is already paid, or a payment is being checked."), code="open")
        reused = Payment.objects.filter(
            organisation_id=current.organisation_id, method=method, reference=reference, status__in=OPEN_STATUSES
        )
        if reused.exists():
            raise ValidationError(
                {"reference": _("This reference was already given for another payment.")}, code="reused_reference"
            )
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    appointment=current,
                    payer=payer,
                    organisation_id=current.organisation_id,
                    backend=backend.name,
                    amount_pkr=amount_pkr,
                    method=method,
                    reference=reference,
                )
        except IntegrityError as error:  # another submission for this appointment won the race
            raise ValidationError(
                _("This appointment is already paid, or a payment is being checked."), code="open"
            ) from error
    return PaymentStarted(payment=payment, redirect_url=backend.start(payment=payment))


def _check_reviewer(admin: User, payment: Payment) -> None:
    if not admin.is_clinic_admin or admin.organisation_id != payment.organisation_id:
        raise ValidationError(_("Only an administrator of the clinic can do this."), code="forbidden")


def _decide(payment: Payment, *, admin: User, expected: str, new: str) -> Payment:
    now = timezone.now()
    updated = Payment.objects.filter(pk=payment.pk, status=expected).update(
        status=new, reviewed_by=admin, reviewed_at=now, updated_at=now
    )
    if updated != 1:
        raise ValidationError(_("Someone has already dealt with this payment."), code="already_decided")
    payment.refresh_from_db()
    return payment


def payment_confirm(*, admin: User, payment: Payment) -> Payment:
    """The money arrived: mark it paid and send the payer a receipt."""
    _check_reviewer(admin, payment)
    get_backend(payment.backend).confirm(payment=payment)
    with transaction.atomic():
        confirmed = _decide(payment, admin=admin, expected=PaymentStatus.PENDING, new=PaymentStatus.CONFIRMED)
        transaction.on_commit(lambda: send_receipt(confirmed))
    return confirmed


def payment_reject(*, admin: User, payment: Payment) -> Payment:
    """No such money arrived: the client may enter another reference."""
    _check_reviewer(admin, payment)
    return _decide(payment, admin=admin, expected=PaymentStatus.PENDING, new=PaymentStatus.REJECTED)


def payment_refund(*, admin: User, payment: Payment) -> Payment:
    """The clinic gave the money back (the manual backend records it; a gateway would send it)."""
    _check_reviewer(admin, payment)
    if payment.status != PaymentStatus.CONFIRMED:
        raise ValidationError(_("Only a confirmed payment can be refunded."), code="not_confirmed")
    get_backend(payment.backend).refund(payment=payment)
    return _decide(payment, admin=admin, expected=PaymentStatus.CONFIRMED, new=PaymentStatus.REFUNDED)


def payment_instructions_update(*, admin: User, text: str) -> PaymentInstructions:
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise ValidationError(_("Only an administrator of the clinic can do this."), code="forbidden")
    text = text.strip()
    if len(text) > INSTRUCTIONS_MAX:
        raise ValidationError(
            {"text": _("Keep it to %(max)s characters or fewer.") % {"max": INSTRUCTIONS_MAX}}, code="too_long"
        )
    instructions, _created = PaymentInstructions.objects.update_or_create(
        organisation_id=admin.organisation_id, defaults={"text": text}
    )
    return instructions


@dataclass(frozen=True)
class Receipt:
    subject: str
    body: str


def receipt_render(payment: Payment, *, channel: str) -> Receipt:
    """The receipt notice in the payer's language and time zone: no names, nothing clinical."""
    payer = payment.payer
    with translation.override(reader_language(payer)), timezone.override(reader_zone(payer)):
        context = {
            "number": payment.receipt_number,
            "amount": local_number(payment.amount_pkr),
            "method": payment.get_method_display(),
            "reference": payment.reference,
            "when": local_when(payment.appointment.starts_at),
            "link": site_link(reverse("payments:receipt", args=[payment.pk])),
        }
        subject = _("Dilasa appointment receipt")
        body = render_to_string(f"payments/notices/receipt_{channel}.txt", context).strip()
    return Receipt(subject=subject, body=body)


def send_receipt(payment: Payment) -> None:
    payer = payment.payer
    channel = "sms" if payer.login_kind == LoginKind.PHONE else "email"
    receipt = receipt_render(payment, channel=channel)
    notify(channel=payer.login_kind, to=payer.login, subject=receipt.subject, body=receipt.body)
