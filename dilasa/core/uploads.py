"""Uploaded files recognised by their bytes: PNG, JPEG, WebP and PDF.

The type comes from the content only, never from the file name or the type the browser claims, so a PDF
renamed ``scan.png`` is a PDF and a web page renamed ``photo.jpg`` is refused. Each format is also checked
for its end marker, so a file cut short in transfer is refused with its own message instead of being kept
broken. Callers say which types they accept and how large a file may be::

    kind = sniff_upload(data, allowed={PNG, JPEG, PDF}, max_bytes=2 * 1024 * 1024)

and get back the content type to store and serve, or a ``ValidationError`` with a translated message
(codes ``upload_empty``, ``upload_too_large``, ``upload_type``, ``upload_damaged``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PNG: Final = "image/png"
JPEG: Final = "image/jpeg"
WEBP: Final = "image/webp"
PDF: Final = "application/pdf"

IMAGES: Final = frozenset({PNG, JPEG, WEBP})
IMAGES_AND_PDF: Final = frozenset({PNG, JPEG, WEBP, PDF})

# content type -> the name people know it by, and the file extension to use when saving it
NAMES: Final[dict[str, str]] = {PNG: "PNG", JPEG: "JPEG", WEBP: "WebP", PDF: "PDF"}
EXTENSIONS: Final[dict[str, str]] = {PNG: "png", JPEG: "jpg", WEBP: "webp", PDF: "pdf"}

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_PNG_END: Final = b"IEND\xaeB`\x82"
# A PNG may carry a few bytes after IEND; a PDF's %%EOF may be followed by whitespace or a few stray bytes.
_PDF_TAIL: Final = 1024


def content_type(data: bytes) -> str | None:
    """The type the bytes start as (PNG, JPEG, WebP or PDF), or None for anything else."""
    if data.startswith(_PNG_SIGNATURE):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(data) >= 16 and data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def is_complete(data: bytes, kind: str) -> bool:
    """Whether a file of this type has its end marker, i.e. was not cut short."""
    if kind == PNG:
        return len(data) >= 8 + 25 + 12 and data[12:16] == b"IHDR" and _PNG_END in data[-64:]
    if kind == JPEG:
        return data.endswith(b"\xff\xd9")
    if kind == WEBP:
        declared = int.from_bytes(data[4:8], "little")
        return len(data) >= declared + 8
    if kind == PDF:
        return b"%%EOF" in data[-_PDF_TAIL:]
    return False


def _names(allowed: Collection[str]) -> str:
    return ", ".join(NAMES[kind] for kind in NAMES if kind in allowed)


def sniff_upload(data: bytes, *, allowed: Collection[str], max_bytes: int) -> str:
    """The content type of ``data`` if it is one of ``allowed`` and at most ``max_bytes``; else ValidationError."""
    unknown = set(allowed) - NAMES.keys()
    if unknown:
        raise ValueError(f"sniff_upload cannot recognise {sorted(unknown)}")
    if not data:
        raise ValidationError(_("The file is empty. Choose the file again."), code="upload_empty")
    if len(data) > max_bytes:
        raise ValidationError(
            _("The file is too large. Use one of at most %(limit)s.") % {"limit": filesizeformat(max_bytes)},
            code="upload_too_large",
        )
    kind = content_type(data)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("This kind of file cannot be used here. Use one of: %(kinds)s.") % {"kinds": _names(allowed)},
            code="upload_type",
        )
    if not is_complete(data, kind):
        raise ValidationError(
            _("The file seems incomplete or damaged. Save it again and choose it again."), code="upload_damaged"
        )
    return kind
