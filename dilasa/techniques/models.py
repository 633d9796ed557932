"""Homework from the technique library: what a therapist asked a client to practise, the client's entries, and
the therapist's review. The note, the entries and the review comment are clinical free text: sealed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from dilasa.techniques.library import LIBRARY


class Assignment(models.Model):
    """A technique assigned as homework, due on `due_on` (the client's date), with an optional sealed note."""

    uid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    technique = models.CharField(max_length=16, choices=[(slug, slug) for slug in LIBRARY])
    due_on = models.DateField()
    # seal(note, context=services.note_context(uid, client_id)); null when no note was given
    note = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["client", "due_on"]), models.Index(fields=["therapist", "client"])]

    def __str__(self) -> str:
        return f"practice {self.pk}"


class Entry(models.Model):
    """One completed form of an assignment (a diary may have many). `submission_id` comes from the form, so a
    double submit, or a form queued offline and sent twice, stores once."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="entries")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submission_id = models.UUIDField(unique=True)
    # seal(json {field: value}, context=services.content_context(submission_id, client_id))
    content = models.BinaryField()
    submitted_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # seal(comment, context=services.comment_context(submission_id, client_id)); null when none
    comment = models.BinaryField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["assignment", "submitted_at"])]

    def __str__(self) -> str:
        return f"entry {self.pk}"
