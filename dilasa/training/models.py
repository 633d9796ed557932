"""Who completed which training module, and which version of it (a hash of its content)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Completion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions")
    module = models.CharField(max_length=60)
    version = models.CharField(max_length=16)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "version"], name="one_completion_per_version"),
        ]
        indexes = [models.Index(fields=["user", "module"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.module}@{self.version}"
