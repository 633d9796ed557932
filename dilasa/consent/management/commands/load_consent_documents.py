"""Load the consent texts shipped under dilasa/consent/documents/ (also done after every migrate)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dilasa.consent.publishing import load_documents


class Command(BaseCommand):
    help = "Publish the consent documents shipped as files; refuses to change a published text."

    def handle(self, *args: Any, **options: Any) -> None:
        for document in load_documents():
            languages = ", ".join(sorted(text.language for text in document.texts.all()))
            self.stdout.write(f"{document.kind} v{document.version}: {languages}")
