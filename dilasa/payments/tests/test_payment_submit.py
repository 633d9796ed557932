"""A client enters the reference of a wallet or bank payment for their appointment; bad input is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dilasa.accounts.models import User
from dilasa.payments import services
from dilasa.payments.models import Payment, PaymentMethod, PaymentStatus
from dilasa.payments.tests.support import FEE, book, submitted
from dilasa.scheduling import services as scheduling
from dilasa.scheduling.models import Appointment, FeeKind, Mode
from dilasa.scheduling.testing import karachi, open_every_day

pytestmark = pytest.mark.django_db


def submit(appointment: Appointment, **overrides: object) -> services.PaymentStarted:
    fields = {"method": PaymentMethod.EASYPAISA, "reference": "EP 123 456 789", "amount_pkr": FEE} | overrides
    return services.payment_submit(appointment=appointment, payer=appointment.client, **fields)


def test_a_reference_in_urdu_digits_is_stored_plainly(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    started = submit(appointment, reference="  tx ۱۲۳۴۵۶۷۸  ۹۰ ")
    payment = started.payment
    assert started.redirect_url is None  # the manual backend waits for the clinic
    assert (payment.reference, payment.status, payment.backend) == ("TX 12345678 90", PaymentStatus.PENDING, "manual")
    assert (payment.amount_pkr, payment.organisation_id, payment.payer_id) == (
        FEE,
        appointment.organisation_id,
        client_ayesha.pk,
    )


@pytest.mark.parametrize(
    "reference",
    ["", "   ", "12345", "x" * 41, "ABCDEFGH", "TX<script>1234", "١٢٣٤٥", "-1234567", "TX_1234567"],
)
def test_bad_references_are_refused(client_ayesha: User, therapist_sana: User, reference: str) -> None:
    with pytest.raises(ValidationError) as raised:
        submit(book(client_ayesha, therapist_sana), reference=reference)
    assert "reference" in raised.value.message_dict or raised.value.code
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", [0, FEE - 1, FEE + 1, 30])
def test_the_amount_must_be_the_fee(client_ayesha: User, therapist_sana: User, amount: int) -> None:
    with pytest.raises(ValidationError) as raised:
        submit(book(client_ayesha, therapist_sana), amount_pkr=amount)
    assert "amount_pkr" in raised.value.message_dict


def test_a_sliding_scale_fee_is_the_one_fixed_at_booking(client_ayesha: User, therapist_sana: User) -> None:
    open_every_day(therapist_sana, sliding_scale=True, fee_min_pkr=1000)
    appointment = scheduling.appointment_book(
        client=client_ayesha,
        therapist=therapist_sana,
        starts_at=karachi(3, 10),
        mode=Mode.VIDEO,
        booked_by=client_ayesha,
        fee_kind=FeeKind.SLIDING,
        fee_pkr=1500,
    )
    with pytest.raises(ValidationError):
        submit(appointment, amount_pkr=FEE)
    assert submit(appointment, amount_pkr=1500).payment.amount_pkr == 1500


def test_a_free_appointment_needs_no_payment(client_ayesha: User, therapist_sana: User) -> None:
    open_every_day(therapist_sana, fee_pkr=0)
    appointment = book(client_ayesha, therapist_sana)
    assert appointment.fee_kind == FeeKind.FREE
    with pytest.raises(ValidationError) as raised:
        submit(appointment, amount_pkr=0)
    assert raised.value.code == "free"


def test_a_cancelled_appointment_cannot_be_paid(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    scheduling.appointment_cancel(appointment=appointment, by=client_ayesha)
    with pytest.raises(ValidationError) as raised:
        submit(appointment)
    assert raised.value.code == "cancelled"


def test_nobody_pays_for_someone_elses_appointment(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    appointment = book(client_ayesha, therapist_sana)
    for stranger in (client_kamran, therapist_sana):
        with pytest.raises(ValidationError) as raised:
            services.payment_submit(
                appointment=appointment, payer=stranger, method="jazzcash", reference="TX12345678", amount_pkr=FEE
            )
        assert raised.value.code == "forbidden"


def test_one_open_payment_per_appointment(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    submitted(appointment)
    with pytest.raises(ValidationError) as raised:
        submit(appointment, reference="OTHER 99999999")
    assert raised.value.code == "open"
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            appointment=appointment,
            payer=client_ayesha,
            organisation_id=appointment.organisation_id,
            backend="manual",
            amount_pkr=FEE,
            method="bank",
            reference="SKIPPED 1234",
        )


def test_after_a_rejection_she_can_try_another_reference(
    client_ayesha: User, therapist_sana: User, admin_farah: User
) -> None:
    appointment = book(client_ayesha, therapist_sana)
    services.payment_reject(admin=admin_farah, payment=submitted(appointment, reference="TYPO 1234567"))
    assert submit(appointment, reference="RIGHT 1234567").payment.status == PaymentStatus.PENDING


def test_one_transfer_cannot_pay_for_two_appointments(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    submitted(book(client_ayesha, therapist_sana, days=3), reference="TX 5555 5555")
    with pytest.raises(ValidationError) as raised:
        submitted(book(client_kamran, therapist_sana, days=4), reference="tx ۵۵۵۵  5555")
    assert "reference" in raised.value.message_dict
