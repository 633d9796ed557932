from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_documents(sender: AppConfig, **kwargs: Any) -> None:
    """After migrate (and after a test flush), the shipped consent texts are in the database."""
    from django.db import connections

    from dilasa.consent.publishing import load_documents

    using = kwargs.get("using", "default")
    if "consent_consentdocument" not in connections[using].introspection.table_names():
        return  # migrated back below 0001
    load_documents()


class ConsentConfig(AppConfig):
    name = "dilasa.consent"
    label = "consent"

    def ready(self) -> None:
        post_migrate.connect(_load_documents, sender=self, dispatch_uid="consent.load_documents")
