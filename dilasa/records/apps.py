from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dilasa.records"
    label = "records"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from dilasa.audit.targets import register_kind
        from dilasa.core.crypto import register_sealed
        from dilasa.records import models, services

        # How the client's "who has seen my records" page names what was opened (the folder page is
        # "records.client", named by the audit app).
        register_kind("records.note", _("a session note"))
        register_kind("records.plan", _("your treatment plan"))
        register_kind("records.homework", _("a homework record"))
        register_kind("records.attachment", _("a file in your records"))

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
