from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dilasa.audit"
    label = "audit"

    def ready(self) -> None:
        from dilasa.audit import models, services
        from dilasa.core.crypto import register_sealed

        register_sealed(models.AccessEvent, "reason", lambda e: services.reason_context(e.seq))
