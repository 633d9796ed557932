from __future__ import annotations

from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "dilasa.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from dilasa.audit.targets import register_kind
        from dilasa.core.crypto import register_sealed
        from dilasa.outcomes import models, services

        # How the client's "who has seen my information" page names what was opened.
        register_kind("outcomes.client", _("your check-in answers"))
        register_kind("outcomes.assignment", _("a check-in you were asked to answer"))
        register_kind("outcomes.response", _("a check-in you answered"))

        register_sealed(models.Response, "answers", lambda r: services.answers_context(r.submission_id, r.client_id))
        register_sealed(models.Response, "word", lambda r: services.word_context(r.submission_id, r.client_id))
