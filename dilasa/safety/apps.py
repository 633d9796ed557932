from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "dilasa.safety"
    label = "safety"

    def ready(self) -> None:
        from dilasa.audit.targets import register_kind
        from dilasa.core.crypto import register_sealed
        from dilasa.safety import models, services

        register_sealed(models.Flag, "detail", lambda f: services.detail_context(f.pk, f.client_id))
        register_sealed(models.Flag, "note", lambda f: services.note_context(f.pk, f.client_id))
        register_kind("safety.flag", _("a request for urgent help and its follow-up"))
        register_kind("safety.escalation", _("a reminder to your care team about a request for urgent help"))
