"""Shared by the payment tests: Ayesha's paid appointment with Sana at Sukoon."""

from __future__ import annotations

from dilasa.payments import services
from dilasa.payments.models import Payment, PaymentMethod
from dilasa.scheduling.models import Appointment
from dilasa.scheduling.tests.reminder_support import book

__all__ = ["FEE", "PAYMENT_URLS", "book", "submitted"]

PAYMENT_URLS = "dilasa.payments.tests.urls"
FEE = 3000  # open_every_day's fee


def submitted(
    appointment: Appointment, *, reference: str = "TX1234567890", method: str = PaymentMethod.JAZZCASH
) -> Payment:
    return services.payment_submit(
        appointment=appointment, payer=appointment.client, method=method, reference=reference, amount_pkr=FEE
    ).payment
