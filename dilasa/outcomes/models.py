"""Outcome measures: what a therapist asked a client to answer and when, the answers, and instrument texts a
clinic loaded to replace the shipped ones (the shipped ones are files in instruments/)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    PHQ9 = "phq9", "PHQ-9"
    GAD7 = "gad7", "GAD-7"
    MOOD = "mood", _("Mood check-in")


class Schedule(models.TextChoices):
    ONCE = "once", _("Once")
    EVERY = "every", _("Every few days")
    BEFORE_SESSION = "before_session", _("Before each session")


class Assignment(models.Model):
    """A measure a therapist asked a client to answer: once, every `every_days` days, or before each session
    with that therapist; open from `starts_on` until `ends_on` (inclusive, the client's dates) or until
    stopped."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    schedule = models.CharField(max_length=16, choices=Schedule.choices)
    every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["client", "stopped_at"]), models.Index(fields=["therapist", "client"])]

    def __str__(self) -> str:
        return f"assignment {self.pk}"


class Response(models.Model):
    """One set of answers to one occurrence of an assignment.

    The item answers (and the mood word) are sealed; the total and its band stay plain integers and words for
    trends and clinic aggregates without unsealing (docs/decisions.md). `submission_id` comes from the form,
    so the same submission twice stores once; `occurrence` names the due window answered ("once", "d2026-12-01"
    for a period starting that day, "a123" for the session of appointment 123), unique per assignment.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="responses")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    occurrence = models.CharField(max_length=24)
    submission_id = models.UUIDField(unique=True, default=uuid.uuid4)
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20, blank=True)
    # seal(json list of ints, context=services.answers_context(...))
    answers = models.BinaryField()
    # seal(word, context=services.word_context(...)); null when no word was given
    word = models.BinaryField(null=True, blank=True)
    # Which text the client read: its language, whether it was the validated one, and a hash of its words.
    text_language = models.CharField(max_length=8)
    text_validated = models.BooleanField()
    text_sha256 = models.CharField(max_length=64)
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "occurrence"], name="outcomes_one_answer_per_occurrence")
        ]
        indexes = [models.Index(fields=["client", "instrument", "submitted_at"])]

    def __str__(self) -> str:
        return f"response {self.pk}"


class InstrumentText(models.Model):
    """An instrument's words in one language loaded by `manage.py load_instrument_text`, replacing the file
    shipped in instruments/ (typically a clinic's copy of the validated Urdu text). Not clinical data."""

    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    language = models.CharField(max_length=8)
    content = models.JSONField()
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instrument", "language"], name="outcomes_one_text_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.instrument}.{self.language}"
