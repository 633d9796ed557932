"""A clinic admin confirms, rejects or refunds a payment; each happens once, even when two admins press together."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from dilasa.accounts.models import Role, User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.payments import services
from dilasa.payments.models import Payment, PaymentStatus
from dilasa.payments.tests.support import PAYMENT_URLS, book, submitted
from dilasa.testing import make_user, run_together

pytestmark = pytest.mark.urls(PAYMENT_URLS)


@pytest.mark.django_db
def test_confirming_sends_the_payer_a_receipt(
    client_ayesha: User, therapist_sana: User, admin_farah: User, on_commit
) -> None:
    payment = submitted(book(client_ayesha, therapist_sana))
    with on_commit():
        confirmed = services.payment_confirm(admin=admin_farah, payment=payment)
    assert (confirmed.status, confirmed.reviewed_by_id) == (PaymentStatus.CONFIRMED, admin_farah.pk)
    assert confirmed.reviewed_at is not None
    (email,) = mail.outbox
    assert email.to == ["ayesha@example.com"]
    assert f"/payments/{payment.pk}/receipt/" in email.body
    assert payment.receipt_number in email.body


@pytest.mark.django_db
def test_kamran_gets_his_receipt_by_text(
    client_kamran: User, therapist_sana: User, admin_farah: User, on_commit
) -> None:
    payment = submitted(book(client_kamran, therapist_sana))
    with on_commit():
        services.payment_confirm(admin=admin_farah, payment=payment)
    (sms,) = LocmemSmsBackend.outbox
    assert sms.to == "+923001234567"
    assert sms.body.startswith(f"Dilasa receipt {payment.receipt_number}: 3,000 rupees received.")


@pytest.mark.django_db
def test_a_decided_payment_cannot_be_decided_again(
    client_ayesha: User, therapist_sana: User, admin_farah: User
) -> None:
    payment = submitted(book(client_ayesha, therapist_sana))
    services.payment_confirm(admin=admin_farah, payment=payment)
    for decide in (services.payment_confirm, services.payment_reject):
        with pytest.raises(ValidationError) as raised:
            decide(admin=admin_farah, payment=Payment.objects.get(pk=payment.pk))
        assert raised.value.code == "already_decided"


@pytest.mark.django_db
def test_rejecting_sends_no_receipt(client_ayesha: User, therapist_sana: User, admin_farah: User, on_commit) -> None:
    payment = submitted(book(client_ayesha, therapist_sana))
    with on_commit():
        services.payment_reject(admin=admin_farah, payment=payment)
    assert Payment.objects.get().status == PaymentStatus.REJECTED
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        services.payment_confirm(admin=admin_farah, payment=Payment.objects.get())


@pytest.mark.django_db
def test_only_a_confirmed_payment_is_refunded(client_ayesha: User, therapist_sana: User, admin_farah: User) -> None:
    payment = submitted(book(client_ayesha, therapist_sana))
    with pytest.raises(ValidationError):
        services.payment_refund(admin=admin_farah, payment=payment)
    confirmed = services.payment_confirm(admin=admin_farah, payment=payment)
    assert services.payment_refund(admin=admin_farah, payment=confirmed).status == PaymentStatus.REFUNDED
    with pytest.raises(ValidationError):
        services.payment_refund(admin=admin_farah, payment=Payment.objects.get())


@pytest.mark.django_db(transaction=True)
def test_two_admins_confirming_at_once_make_one_confirmation_and_one_receipt(
    client_ayesha: User, therapist_sana: User, admin_farah: User, clinic_sukoon
) -> None:
    admin_zara = make_user("zara@example.com", display_name="Zara", role=Role.CLINIC_ADMIN, organisation=clinic_sukoon)
    payment = submitted(book(client_ayesha, therapist_sana))
    admins = [admin_farah, admin_zara] * 4
    outcomes = run_together(
        [lambda a=a: services.payment_confirm(admin=a, payment=Payment.objects.get(pk=payment.pk)) for a in admins]
    )
    confirmed = [o for o in outcomes if isinstance(o, Payment)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(confirmed) == 1
    assert len(refused) == len(admins) - 1, outcomes
    assert all(e.code == "already_decided" for e in refused)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_make_one_payment(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    outcomes = run_together([lambda i=i: submitted(appointment, reference=f"TX 0000 {i:04d}") for i in range(6)])
    assert sum(isinstance(o, Payment) for o in outcomes) == 1
    assert all(isinstance(o, Payment | ValidationError) for o in outcomes), outcomes
    assert Payment.objects.count() == 1
