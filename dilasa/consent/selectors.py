"""Reads about consent. `has_consent` is the one question other apps ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from dilasa.consent.models import ConsentDocument, ConsentEvent, ConsentKind, ConsentText, EventKind


def current_document(kind: str, *, now: datetime | None = None) -> ConsentDocument | None:
    """The highest published version of `kind`, or None if none is published."""
    moment = now or timezone.now()
    return ConsentDocument.objects.filter(kind=kind, published_at__lte=moment).order_by("-version").first()


def latest_event(client_id: int, kind: str) -> ConsentEvent | None:
    return (
        ConsentEvent.objects.filter(client_id=client_id, kind=kind)
        .select_related("document")
        .order_by("-at", "-pk")
        .first()
    )


def has_consent(client_id: int, kind: str, *, now: datetime | None = None) -> bool:
    """True only if the client's latest event for `kind` accepts its current version (and nothing withdrew it)."""
    document = current_document(kind, now=now)
    if document is None:
        return False
    event = latest_event(client_id, kind)
    return event is not None and event.event == EventKind.GRANTED and event.document_id == document.pk


def text_for(document: ConsentDocument, language: str) -> ConsentText | None:
    """The document in the reader's language; Punjabi, Sindhi and Pashto fall back to Urdu, then English."""
    texts = {text.language: text for text in document.texts.all()}
    for candidate in (language, *FALLBACKS.get(language, ()), "en"):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()), None)


FALLBACKS: dict[str, tuple[str, ...]] = {"pnb": ("ur",), "sd": ("ur",), "ps": ("ur",), "ur": ()}


@dataclass(frozen=True)
class ConsentState:
    kind: ConsentKind
    current: ConsentDocument | None
    latest: ConsentEvent | None

    @property
    def granted(self) -> bool:
        return (
            self.current is not None
            and self.latest is not None
            and self.latest.event == EventKind.GRANTED
            and self.latest.document_id == self.current.pk
        )

    @property
    def outdated(self) -> bool:
        """Accepted an older version, not withdrawn: asked again for the new one."""
        return (
            self.current is not None
            and self.latest is not None
            and self.latest.event == EventKind.GRANTED
            and self.latest.document_id != self.current.pk
        )


def consent_states(client_id: int) -> list[ConsentState]:
    return [
        ConsentState(kind=kind, current=current_document(kind), latest=latest_event(client_id, kind))
        for kind in ConsentKind
    ]


def history(client_id: int) -> list[ConsentEvent]:
    return list(ConsentEvent.objects.filter(client_id=client_id).select_related("document").order_by("-at", "-pk"))
