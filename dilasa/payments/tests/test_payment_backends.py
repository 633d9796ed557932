"""Payments go through a pluggable backend: "manual" by default; a gateway can be added without touching booking."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.payments import backends, services
from dilasa.payments.backends import ManualBackend, PaymentBackendError, get_backend
from dilasa.payments.models import Payment, PaymentStatus
from dilasa.payments.tests.support import FEE, PAYMENT_URLS, book, submitted
from dilasa.testing import signed_in_client

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAYMENT_URLS)]


class GatewayBackend:
    """A pretend card gateway: it sends the payer to its own page and confirms by itself."""

    name = "gateway"
    reviewed_by_clinic = False
    refunds: list[int] = []

    def start(self, *, payment: Payment) -> str | None:
        return f"https://pay.example/checkout/{payment.pk}"

    def confirm(self, *, payment: Payment) -> None:
        if payment.reference.endswith("0000"):
            raise PaymentBackendError("declined")

    def refund(self, *, payment: Payment) -> None:
        GatewayBackend.refunds.append(payment.pk)


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(backends.BACKENDS, "gateway", f"{__name__}.GatewayBackend")
    with override_settings(PAYMENT_BACKEND="gateway"):
        yield


def test_manual_is_the_default() -> None:
    assert isinstance(get_backend(), ManualBackend)


@override_settings(PAYMENT_BACKEND="bitcoin")
def test_an_unknown_backend_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="bitcoin"):
        get_backend()


@pytest.mark.usefixtures("gateway")
def test_a_gateway_sends_the_payer_to_its_page(client_ayesha: User, therapist_sana: User) -> None:
    appointment = book(client_ayesha, therapist_sana)
    response = signed_in_client(client_ayesha).post(
        reverse("payments:pay", args=[appointment.pk]),
        {"method": "bank", "reference": "CARD 12345678", "amount_pkr": str(FEE)},
    )
    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response.url == f"https://pay.example/checkout/{payment.pk}"
    assert payment.backend == "gateway"


def test_a_payment_stays_with_the_backend_that_started_it(
    client_ayesha: User, therapist_sana: User, admin_farah: User, gateway: None
) -> None:
    declined = submitted(book(client_ayesha, therapist_sana), reference="CARD 12340000")
    with override_settings(PAYMENT_BACKEND="manual"), pytest.raises(PaymentBackendError):
        services.payment_confirm(admin=admin_farah, payment=declined)
    assert Payment.objects.get().status == PaymentStatus.PENDING
