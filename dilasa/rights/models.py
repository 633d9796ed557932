"""Data rights: erasure requests and each clinic's retention rule.

An erasure request outlives the account it erases: it names the client by a plain id (no foreign key, no
cascade), like the audit trail, so the record that an erasure was asked for, cancelled or done survives.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Organisation


class ErasureState(models.TextChoices):
    PENDING = "pending", _("waiting for the grace period to end")
    CANCELLED = "cancelled", _("cancelled")
    RETAINING = "retaining", _("erased; some records kept by the clinic's rule")
    DONE = "done", _("erased")


class ErasureRequest(models.Model):
    client_id = models.PositiveBigIntegerField(db_index=True)
    state = models.CharField(max_length=10, choices=ErasureState.choices, default=ErasureState.PENDING)
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # While RETAINING: when the records kept under the clinics' rules may go too.
    clinical_until = models.DateTimeField(null=True, blank=True)
    financial_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-requested_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("client_id",), condition=models.Q(state="pending"), name="one_pending_erasure_per_client"
            ),
        )

    def __str__(self) -> str:
        return f"erasure {self.pk} of {self.client_id} ({self.state})"


def default_clinical_years() -> int:
    return int(settings.RIGHTS_CLINICAL_RETENTION_YEARS)


def default_financial_years() -> int:
    return int(settings.RIGHTS_FINANCIAL_RETENTION_YEARS)


class RetentionRule(models.Model):
    """How long a clinic must keep what it holds about a client after their last contact, once they ask to be
    erased: clinical records (notes, plans, homework, session records, appointments, the consent to them)
    and payment records. Their identity is removed at once either way."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="retention_rule")
    clinical_years = models.PositiveSmallIntegerField(
        _("keep clinical records for (years after the last contact)"),
        default=default_clinical_years,
        validators=[MaxValueValidator(30)],
    )
    financial_years = models.PositiveSmallIntegerField(
        _("keep payment records for (years after the payment)"),
        default=default_financial_years,
        validators=[MaxValueValidator(30)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"retention of {self.organisation_id}"
