"""Publishing consent documents: the texts ship as files and are loaded into the database.

`documents/<kind>/<version>.<lang>.md`: the first line is "# Title", the rest the body. Loading is
idempotent and runs after every `migrate` (and after a test database flush) through post_migrate, or by
hand with `manage.py load_consent_documents`. A published text never changes: a file whose text differs
from what is stored for its version stops the load with an error; write a new version instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from dilasa.consent.models import ConsentDocument, ConsentKind, ConsentText

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
_FILE = re.compile(r"^(?P<version>[1-9][0-9]{0,3})\.(?P<lang>[a-z]{2,3})\.md$")


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class TextFile:
    kind: str
    version: int
    language: str
    title: str
    body: str


def parse(path: Path, kind: str) -> TextFile:
    match = _FILE.match(path.name)
    if match is None:
        raise ImproperlyConfigured(f"consent document {path} is not named <version>.<lang>.md")
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ImproperlyConfigured(f"consent document {path} must start with '# Title'")
    body = "\n".join(lines[1:]).strip()
    return TextFile(kind, int(match["version"]), match["lang"], lines[0][2:].strip(), body)


def read_files(root: Path = DOCUMENTS_DIR) -> list[TextFile]:
    found = []
    for kind in ConsentKind:
        folder = root / kind.value
        if folder.is_dir():
            found += [parse(path, kind.value) for path in sorted(folder.glob("*.md"))]
    return found


def document_publish(
    *, kind: str, version: int, texts: dict[str, tuple[str, str]], now: datetime | None = None
) -> ConsentDocument:
    """Publish (or confirm) version `version` of `kind` with {language: (title, body)}.

    Adding a language to a published version is allowed; changing a stored text is not.
    """
    if kind not in ConsentKind.values:
        raise ImproperlyConfigured(f"unknown consent kind {kind!r}")
    if "en" not in texts:
        raise ImproperlyConfigured(f"{kind} v{version} needs an English text")
    with transaction.atomic():
        document, _created = ConsentDocument.objects.get_or_create(
            kind=kind, version=version, defaults={"published_at": now or timezone.now()}
        )
        stored = {text.language: text for text in document.texts.all()}
        for language, (title, body) in texts.items():
            digest = content_hash(title, body)
            existing = stored.get(language)
            if existing is None:
                ConsentText.objects.create(
                    document=document, language=language, title=title, body=body, content_hash=digest
                )
            elif existing.content_hash != digest:
                raise ImproperlyConfigured(
                    f"the published text of {kind} v{version} [{language}] was changed; publish a new version instead"
                )
        return document


def load_documents(root: Path = DOCUMENTS_DIR) -> list[ConsentDocument]:
    grouped: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
    for item in read_files(root):
        grouped.setdefault((item.kind, item.version), {})[item.language] = (item.title, item.body)
    return [
        document_publish(kind=kind, version=version, texts=texts) for (kind, version), texts in sorted(grouped.items())
    ]
