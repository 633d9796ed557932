"""Consent: versioned documents the client reads in their language, and an append-only history of what
each client accepted or withdrew.

A document (`ConsentDocument`) is one version of one kind; its text in each language (`ConsentText`) is
stored with a SHA-256 of the text, so a grant can prove exactly which words the client saw. The texts
ship as files under `dilasa/consent/documents/<kind>/<version>.<lang>.md` and are loaded by a data
migration (and `manage.py load_consent_documents`), never edited in place: a change is a new version.

`ConsentEvent` rows are only ever added: a grant names the version, language and hash; a withdrawal
names the version it withdraws. The client's current state for a kind is their latest event.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentKind(models.TextChoices):
    TELECOUNSELLING = "telecounselling", _("Online sessions")
    SUPERVISION = "supervision", _("Supervisor may see my records")
    RESEARCH = "research", _("My feedback may be used for research")


class ConsentDocument(models.Model):
    """One version of one kind of consent. The current version of a kind is the highest published one."""

    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ("kind", "-version")
        constraints = (models.UniqueConstraint(fields=("kind", "version"), name="consent_document_kind_version"),)

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class ConsentText(models.Model):
    """The words of one document in one language, with their SHA-256 (hex)."""

    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="texts")
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    body = models.TextField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("document", "language"), name="consent_text_per_language"),)

    def __str__(self) -> str:
        return f"{self.document} [{self.language}]"


class EventKind(models.TextChoices):
    GRANTED = "granted", _("accepted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class AppendOnlyError(Exception):
    """The consent history is append-only."""


class ConsentEventQuerySet(models.QuerySet["ConsentEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("consent history cannot be changed")


class ConsentEvent(models.Model):
    """One grant or withdrawal. Never changed; erased only with the account itself (data rights)."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_events")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    event = models.CharField(max_length=10, choices=EventKind.choices)
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="events")
    language = models.CharField(max_length=8, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()

    objects: ClassVar[models.Manager[ConsentEvent]] = models.Manager.from_queryset(ConsentEventQuerySet)()

    class Meta:
        ordering = ("at", "pk")
        indexes = (models.Index(fields=("client", "kind", "at")),)

    def __str__(self) -> str:
        return f"{self.client_id} {self.event} {self.document}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("consent history cannot be changed")
        super().save(*args, **kwargs)
