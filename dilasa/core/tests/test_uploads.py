"""Uploads are recognised by their bytes, never by their name or claimed type, and refused with a clear reason."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dilasa.core.uploads import IMAGES, IMAGES_AND_PDF, JPEG, PDF, PNG, WEBP, content_type, sniff_upload


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\x0f\x6b\x62"))
        + chunk(b"IEND", b"")
    )


# Small but well-formed files (copy them for your own tests): each has its signature and its end marker.
PNG_FILE = _png_1x1()
JPEG_FILE = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
WEBP_FILE = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24
PDF_FILE = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)
LIMIT = 2 * 1024 * 1024


def refusal(data: bytes, *, allowed: frozenset[str] = IMAGES_AND_PDF, max_bytes: int = LIMIT) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        sniff_upload(data, allowed=allowed, max_bytes=max_bytes)
    return caught.value


@pytest.mark.parametrize(("data", "kind"), [(PNG_FILE, PNG), (JPEG_FILE, JPEG), (WEBP_FILE, WEBP), (PDF_FILE, PDF)])
def test_each_accepted_type_is_recognised_by_its_bytes(data: bytes, kind: str) -> None:
    assert sniff_upload(data, allowed=IMAGES_AND_PDF, max_bytes=LIMIT) == kind


def test_a_pdf_renamed_png_is_still_a_pdf_and_refused_where_only_images_go() -> None:
    # sniff_upload never sees the name: whatever "scan.png" claims, these bytes are a PDF
    assert content_type(PDF_FILE) == PDF
    error = refusal(PDF_FILE, allowed=IMAGES)
    assert error.code == "upload_type"
    assert error.messages == ["This kind of file cannot be used here. Use one of: PNG, JPEG, WebP."]


def test_a_png_named_pdf_is_a_png() -> None:
    assert sniff_upload(PNG_FILE, allowed=IMAGES_AND_PDF, max_bytes=LIMIT) == PNG
    assert refusal(PNG_FILE, allowed=frozenset({PDF})).messages == [
        "This kind of file cannot be used here. Use one of: PDF."
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!doctype html><script>alert(1)</script>",
        b"MZ\x90\x00\x03\x00\x00\x00",
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
        b"PK\x03\x04 a zip or an office document",
        b" %PDF-1.4 with a leading space",
    ],
)
def test_other_content_is_refused_as_the_wrong_type(data: bytes) -> None:
    assert refusal(data).code == "upload_type"


@pytest.mark.parametrize(
    "data",
    [PNG_FILE[:-12], PNG_FILE[:40], JPEG_FILE[:-2], JPEG_FILE[:30], WEBP_FILE[:-10], PDF_FILE[:-7], PDF_FILE[:30]],
    ids=["png-no-end", "png-half", "jpeg-no-end", "jpeg-half", "webp-short", "pdf-no-eof", "pdf-half"],
)
def test_a_truncated_file_is_refused_as_damaged(data: bytes) -> None:
    error = refusal(data)
    assert error.code == "upload_damaged"
    assert error.messages == ["The file seems incomplete or damaged. Save it again and choose it again."]


@pytest.mark.parametrize("data", [b"\x89PNG", b"\xff\xd8", b"%PD"], ids=["png", "jpeg", "pdf"])
def test_a_file_cut_inside_its_signature_is_the_wrong_type(data: bytes) -> None:
    assert refusal(data).code == "upload_type"


def test_an_oversized_file_is_refused_before_anything_else() -> None:
    big = PDF_FILE[:-7] + b"\0" * LIMIT + b"%%EOF\n"
    error = refusal(big)
    assert error.code == "upload_too_large"
    assert error.messages == ["The file is too large. Use one of at most 2.0\xa0MB."]
    assert sniff_upload(PNG_FILE, allowed=IMAGES, max_bytes=len(PNG_FILE)) == PNG  # the limit itself is fine
    assert refusal(PNG_FILE, allowed=IMAGES, max_bytes=len(PNG_FILE) - 1).code == "upload_too_large"


def test_an_empty_file_is_refused() -> None:
    error = refusal(b"")
    assert error.code == "upload_empty"
    assert error.messages == ["The file is empty. Choose the file again."]


def test_asking_for_a_type_it_cannot_recognise_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="image/gif"):
        sniff_upload(PNG_FILE, allowed={"image/gif"}, max_bytes=LIMIT)
