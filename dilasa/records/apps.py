from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dilasa.records"
    label = "records"

    def ready(self) -> None:
        from dilasa.core.crypto import register_sealed
        from dilasa.records import models, services

        def note(section: str) -> Callable[[Any], str]:
            return lambda r: services.note_context(r.note_id, r.number, section)

        def plan(field: str) -> Callable[[Any], str]:
            return lambda r: services.plan_context(r.plan_id, r.number, field)

        def homework(field: str) -> Callable[[Any], str]:
            return lambda h: services.homework_context(h.key, field)

        def attachment(field: str) -> Callable[[Any], str]:
            return lambda a: services.attachment_context(a.key, field)

        for section in models.ALL_SECTIONS:
            register_sealed(models.NoteRevision, section, note(section))
        register_sealed(models.Addendum, "body", lambda a: services.addendum_context(a.note_id, a.number))
        for field in ("goals", "interventions"):
            register_sealed(models.PlanRevision, field, plan(field))
        for field in ("title", "instructions", "observations"):
            register_sealed(models.Homework, field, homework(field))
        for field in ("name", "data"):
            register_sealed(models.Attachment, field, attachment(field))
