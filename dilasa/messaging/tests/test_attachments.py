"""Small images and PDFs travel with a message, sealed, and come back only to the thread's two people as a download."""

from __future__ import annotations

import struct
import uuid
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core.crypto import unseal_bytes
from dilasa.messaging.models import Attachment, Message, Thread, attachment_context
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\x0f\x6b\x62"))
        + chunk(b"IEND", b"")
    )


PNG = _png()
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def send_file(client: Client, thread: Thread, name: str, data: bytes, claimed: str, body: str = ""):
    return client.post(
        reverse("messaging:thread", args=[thread.pk]),
        {"client_id": str(uuid.uuid4()), "body": body, "file": SimpleUploadedFile(name, data, claimed)},
    )


def test_a_png_named_pdf_is_kept_as_a_png_and_downloaded_safely(ayesha: User, sana: User, thread: Thread) -> None:
    response = send_file(signed_in_client(ayesha), thread, "report.pdf", PNG, "application/pdf")
    assert response.status_code == 302
    stored = Attachment.objects.get()
    assert stored.content_type == "image/png"
    download = signed_in_client(sana).get(reverse("messaging:file", args=[thread.pk, 1]))
    assert download.status_code == 200
    assert download.content == PNG
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"] == f'attachment; filename="dilasa-{thread.pk}-1.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    assert "report" not in download["Content-Disposition"]


def test_a_pdf_is_sealed_in_the_database(ayesha: User, thread: Thread) -> None:
    send_file(signed_in_client(ayesha), thread, "blood test results.pdf", PDF, "application/pdf", body="see this")
    stored = Attachment.objects.select_related("message").get()
    assert b"%PDF" not in bytes(stored.data)
    assert b"blood test" not in bytes(stored.name)
    m = stored.message
    assert (
        unseal_bytes(bytes(stored.data), context=attachment_context(thread.pk, m.sender_id, m.client_id, "data")) == PDF
    )
    page = signed_in_client(ayesha).get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert "blood test results.pdf" in page  # the name shows on the page, never in an address
    assert reverse("messaging:file", args=[thread.pk, 1]) in page


@pytest.mark.parametrize(
    ("name", "data", "claimed", "error"),
    [
        ("big.png", PNG[:-12] + b"\0" * (2 * 1024 * 1024) + PNG[-12:], "image/png", "The file is too large."),
        ("photo.png", b"<!doctype html><script>alert(1)</script>", "image/png", "This kind of file cannot be used"),
        ("letter.pdf", b"MZ\x90\x00\x03 a program renamed", "application/pdf", "This kind of file cannot be used"),
        ("scan.pdf", PDF[:-7], "application/pdf", "The file seems incomplete or damaged."),
        ("anim.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/png", "This kind of file cannot be used"),
    ],
    ids=["oversized", "mislabelled-html", "renamed-program", "truncated-pdf", "gif-named-png"],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_is_stored(
    ayesha: User, thread: Thread, name: str, data: bytes, claimed: str, error: str
) -> None:
    response = send_file(signed_in_client(ayesha), thread, name, data, claimed, body="with a file")
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert "with a file" in html  # the text they wrote is still in the form
    assert not Message.objects.exists()
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused(ayesha: User, thread: Thread) -> None:
    response = send_file(signed_in_client(ayesha), thread, "empty.pdf", b"", "application/pdf")
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_a_file_of_another_thread_or_message_is_not_found(
    ayesha: User, sana: User, thread: Thread, client_kamran: User
) -> None:
    from dilasa.messaging import services
    from dilasa.messaging.testing import put_in_care

    send_file(signed_in_client(ayesha), thread, "a.png", PNG, "image/png")
    services.message_send(user=ayesha, thread_id=thread.pk, client_id=uuid.uuid4(), body="no file here")
    put_in_care(client_kamran, sana)
    other = services.thread_start(user=client_kamran, other_id=sana.pk)
    kamran = signed_in_client(client_kamran)
    assert kamran.get(reverse("messaging:file", args=[thread.pk, 1])).status_code == 404
    assert kamran.get(reverse("messaging:file", args=[other.pk, 1])).status_code == 404  # his thread has none
    assert signed_in_client(ayesha).get(reverse("messaging:file", args=[thread.pk, 2])).status_code == 404
