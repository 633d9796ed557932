"""The crisis pathway: flags raised about a client that someone must acknowledge, who is on call, and the
helplines a clinic adds to the national ones (those live in data/helplines.toml, not in the database)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Organisation


class FlagSource(models.TextChoices):
    PHQ9_ITEM9 = "phq9_item9", _("an answer about self-harm on a questionnaire")
    HELP_BUTTON = "help_button", _("the client pressed “I need help now”")
    STAFF = "staff", _("raised by staff")


class FlagAction(models.TextChoices):
    SPOKE = "spoke", _("I spoke with the client")
    EMERGENCY = "emergency", _("I arranged emergency help")
    MESSAGED = "messaged", _("I sent the client a message")
    NO_ANSWER = "no_answer", _("I tried to reach the client and could not")
    OTHER = "other", _("Something else (see the note)")


class Flag(models.Model):
    """Something about a client needs a person's attention now; open until acknowledged."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_flags")
    source = models.CharField(max_length=20, choices=FlagSource.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField()
    # Free text from the caller (e.g. which answer); sealed, see services.detail_context.
    detail = models.BinaryField(null=True, blank=True)
    # When the people who must see it were last told; the escalation sweep counts from here.
    notified_at = models.DateTimeField()
    escalations = models.PositiveSmallIntegerField(default=0)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=FlagAction.choices, blank=True)
    # Sealed, see services.note_context.
    note = models.BinaryField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["client", "source", "acknowledged_at"], name="safety_flag_open_by_client"),
            models.Index(fields=["acknowledged_at", "notified_at"], name="safety_flag_due"),
        ]

    def __str__(self) -> str:
        return f"flag {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class OnCall(models.Model):
    """The clinic admin who answers flags for a clinic; without one, every admin of the clinic is on call."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="on_call")
    admin = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"on call for {self.organisation_id}"


class ClinicHelpline(models.Model):
    """A line a clinic adds for its own clients, shown after the national ones."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="helplines")
    name = models.CharField(_("name"), max_length=80)
    number = models.CharField(_("number"), max_length=20)
    hours = models.CharField(_("hours"), max_length=60, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    purpose = models.CharField(_("what it is for"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.name
