"""Profile photos: small JPEG, PNG or WebP, recognised by their bytes, never by the file name."""

from __future__ import annotations

from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PHOTO_MAX_BYTES: Final = 60 * 1024

# content type -> file extension
PHOTO_TYPES: Final[dict[str, str]] = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def photo_type(data: bytes) -> str | None:
    """The image type the bytes really are, or None if they are not one we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 16 and data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        return "image/webp"
    return None


def validate_photo(data: bytes) -> str:
    """The photo's content type, or a ValidationError saying what to change."""
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large. Use one of at most %(limit)d KB.") % {"limit": PHOTO_MAX_BYTES // 1024},
            code="photo_too_large",
        )
    kind = photo_type(data)
    if kind is None:
        raise ValidationError(_("Use a JPEG, PNG or WebP photo."), code="photo_type")
    return kind
