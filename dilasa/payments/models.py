"""Payments for appointments. The fee is fixed on the appointment at booking; a payment records who paid it, how,
and what the clinic decided. A backend (backends.py) does the talking to whatever moves the money."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Organisation
from dilasa.core.models import TimeStampedModel
from dilasa.scheduling.models import Appointment


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the clinic to check")
    CONFIRMED = "confirmed", _("Paid")
    REJECTED = "rejected", _("Not found by the clinic")
    REFUNDED = "refunded", _("Refunded")


# At most one payment per appointment is in one of these at a time (a database constraint says so).
OPEN_STATUSES = (PaymentStatus.PENDING, PaymentStatus.CONFIRMED)


class PaymentMethod(models.TextChoices):
    JAZZCASH = "jazzcash", "JazzCash"
    EASYPAISA = "easypaisa", "Easypaisa"
    BANK = "bank", _("Bank transfer")


class Payment(TimeStampedModel):
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="payments")
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    backend = models.CharField(max_length=32)  # the backend that started it also confirms and refunds it
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    amount_pkr = models.PositiveIntegerField()
    method = models.CharField(max_length=12, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=40)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment"],
                condition=models.Q(status__in=["pending", "confirmed"]),
                name="one_open_payment_per_appointment",
            ),
            models.CheckConstraint(condition=models.Q(amount_pkr__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"payment {self.pk} ({self.status})"

    @property
    def receipt_number(self) -> str:
        return f"DL-{self.pk:06d}"


class PaymentInstructions(TimeStampedModel):
    """What a clinic tells clients on the pay page: its wallet numbers and bank account."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="payment_instructions")
    text = models.TextField(max_length=600)

    def __str__(self) -> str:
        return f"payment instructions of {self.organisation_id}"
