"""Attachments: PDF and images only, recognised by their bytes, size-limited, sealed, and served only to
who may read the folder, as a download with the sniffed type, nosniff and no-store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.records import access, services
from dilasa.records.models import Attachment
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n"
    b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(
    browser_user: User, client: User, name: str, data: bytes, content_type: str = "application/pdf"
) -> _MonkeyPatchedWSGIResponse:
    browser = signed_in_client(browser_user)
    return browser.post(
        reverse("records:attachment_new", args=[client.pk]),
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def test_a_pdf_is_stored_sealed_and_downloaded_with_safe_headers(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    answer = upload(therapist_sana, client_ayesha, "scan of referral.pdf", PDF)
    assert answer.status_code == 302
    item = Attachment.objects.get()
    assert item.content_type == "application/pdf"
    assert item.size == len(PDF)
    assert b"%PDF" not in bytes(item.data)

    download = signed_in_client(therapist_sana).get(reverse("records:attachment", args=[item.pk]))

    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="dilasa-{item.pk}.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]


def test_the_type_comes_from_the_bytes_not_the_name_or_the_browser(
    in_care: Appointment, client_ayesha: User, therapist_sana: User
) -> None:
    upload(therapist_sana, client_ayesha, "photo.pdf", PNG, content_type="application/pdf")
    item = Attachment.objects.get()
    assert item.content_type == "image/png"
    download = signed_in_client(therapist_sana).get(reverse("records:attachment", args=[item.pk]))
    assert download["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("page.pdf", b"<html><script>alert(1)</script></html>", "cannot be used here"),
        ("notes.png", b"MZ\x90\x00 an executable", "cannot be used here"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj<<>>", "incomplete or damaged"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * services.ATTACHMENT_MAX_BYTES + b"\n%%EOF", "too large"),
    ],
)
def test_a_mislabelled_damaged_or_oversized_file_is_refused_and_nothing_is_stored(
    in_care: Appointment, english: User, therapist_sana: User, name: str, data: bytes, says: str
) -> None:
    therapist_sana.language = "en"
    therapist_sana.save(update_fields=["language"])
    answer = upload(therapist_sana, english, name, data)
    assert answer.status_code == 400
    assert says in answer.content.decode()
    assert not Attachment.objects.exists()


def test_nobody_else_downloads_it(
    in_care: Appointment,
    client_ayesha: User,
    therapist_sana: User,
    therapist_bilal: User,
    admin_farah: User,
    admin_omar: User,
) -> None:
    item = access.write_attachment(user=therapist_sana, client_id=client_ayesha.pk, name="a.pdf", data=PDF)
    for person in (client_ayesha, therapist_bilal, admin_farah, admin_omar):
        answer = signed_in_client(person).get(reverse("records:attachment", args=[item.pk]))
        assert answer.status_code == 404, person
