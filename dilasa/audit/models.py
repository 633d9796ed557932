"""The read audit: an append-only, hash-chained record of every access to clinical data.

Who (actor), whose data (subject: the client), what (action and target), when, from where (IP), why
(purpose, and a written reason for break-glass). Each event carries the hash of the one before it, so a
removed, reordered or altered row breaks the chain (`manage.py verify_audit`). Rows cannot be changed or
deleted through the app (the model and its queryset refuse); on PostgreSQL a trigger refuses UPDATE and
DELETE for every role (migration 0002).

Actor and subject are plain references without a database constraint or cascade: erasing an account
must not erase or rewrite the record of who read what.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class AppendOnlyError(Exception):
    """The audit trail is append-only."""


class Action(models.TextChoices):
    READ = "read", _("viewed")
    WRITE = "write", _("wrote or changed")
    EXPORT = "export", _("downloaded")
    ERASE = "erase", _("erased")
    BREAK_GLASS = "break_glass", _("opened in an emergency")


class Purpose(models.TextChoices):
    OWN = "own", _("your own use")
    CARE = "care", _("your care")
    SUPERVISION = "supervision", _("clinical supervision")
    EMERGENCY = "emergency", _("emergency access")
    ADMINISTRATION = "administration", _("clinic administration")
    DATA_RIGHTS = "data_rights", _("your data request")


STAFF_PURPOSES: dict[str, StrOrPromise] = {
    Purpose.OWN: _("the client's own use"),
    Purpose.CARE: _("care"),
    Purpose.SUPERVISION: _("clinical supervision"),
    Purpose.EMERGENCY: _("emergency access"),
    Purpose.ADMINISTRATION: _("clinic administration"),
    Purpose.DATA_RIGHTS: _("the client's data request"),
}


class AccessEventQuerySet(models.QuerySet["AccessEvent"]):
    def update(self, **kwargs: Any) -> int:
        # The one change allowed: key rotation re-wrapping a sealed reason's data key (rotate_data_keys).
        # The chain hashes the reason's ciphertext, which re-wrapping keeps, and on PostgreSQL the trigger
        # checks the same; anything else is refused.
        if set(kwargs) != {"reason"}:
            raise AppendOnlyError("audit events cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")


class AccessEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_role = models.CharField(max_length=20, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target = models.CharField(max_length=80)  # "<app>.<kind>:<id>", never content
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    reason = models.BinaryField(null=True, blank=True)  # sealed; break-glass only
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects: ClassVar[models.Manager[AccessEvent]] = models.Manager.from_queryset(AccessEventQuerySet)()

    class Meta:
        ordering = ("seq",)
        indexes = (
            models.Index(fields=("subject", "seq")),
            models.Index(fields=("actor", "seq")),
            models.Index(fields=("target", "actor")),  # record_once, and "who opened this"
        )

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_id} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    def purpose_for_staff(self) -> str:
        """The purpose in words for the clinic's log (the choices' labels speak to the client: "your care")."""
        return str(STAFF_PURPOSES.get(self.purpose, self.get_purpose_display()))


class ChainHead(models.Model):
    """One row: the last event's seq and hash. Locked while an event is appended, so the chain is linear."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class EmergencyGrant(models.Model):
    """Break-glass: a clinic admin may open one client's records for a short time, with a written reason.

    The reason is sealed on the BREAK_GLASS event (`event`), which the hash chain protects; the grant only
    says who, whom and until when. Grants are never extended: a new emergency needs a new reason.
    """

    admin = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    event = models.OneToOneField(AccessEvent, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = (models.Index(fields=("admin", "client", "expires_at")),)

    def __str__(self) -> str:
        return f"grant {self.admin_id} -> {self.client_id} until {self.expires_at:%Y-%m-%d %H:%M}"
