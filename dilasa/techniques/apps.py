from __future__ import annotations

from django.apps import AppConfig


class TechniquesConfig(AppConfig):
    name = "dilasa.techniques"
    label = "techniques"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from dilasa.audit.targets import register_kind
        from dilasa.core.crypto import register_sealed
        from dilasa.techniques import models, services

        # How the client's "who has seen my information" page names what was opened.
        register_kind("techniques.client", _("your practice exercises"))
        register_kind("techniques.assignment", _("a practice exercise you were given"))
        register_kind("techniques.entry", _("a practice exercise you filled in"))

        register_sealed(models.Assignment, "note", lambda r: services.note_context(r.uid, r.client_id))
        register_sealed(models.Entry, "content", lambda r: services.content_context(r.submission_id, r.client_id))
        register_sealed(models.Entry, "comment", lambda r: services.comment_context(r.submission_id, r.client_id))
