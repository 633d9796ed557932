"""A profile photo is optional and light: JPEG, PNG or WebP by content, at most 60 KB, shown only on request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.directory.models import TherapistProfile
from dilasa.directory.photos import PHOTO_MAX_BYTES, photo_type
from dilasa.directory.testing import JPEG, PNG, WEBP
from dilasa.testing import signed_in_client

GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><script>alert(1)</script>"


@pytest.mark.parametrize(("data", "kind"), [(JPEG, "image/jpeg"), (PNG, "image/png"), (WEBP, "image/webp")])
def test_the_type_comes_from_the_bytes(data: bytes, kind: str) -> None:
    assert photo_type(data) == kind


@pytest.mark.parametrize("data", [GIF, SVG, HTML, b"", b"RIFF\x00\x00\x00\x00WAVEfmt ", b"\xff\xd8"])
def test_other_content_is_not_a_photo(data: bytes) -> None:
    assert photo_type(data) is None


def upload(client: Client, name: str, data: bytes, content_type: str = "image/jpeg", **extra: object):
    fields = {"gender": "woman", "languages": ["ur"], "published": "on", **extra}
    return client.post(
        reverse("directory:profile_edit"), {**fields, "photo": SimpleUploadedFile(name, data, content_type)}
    )


def test_a_small_photo_is_kept_and_shown_on_request(sana_listed: User) -> None:
    response = upload(signed_in_client(sana_listed), "me.jpg", PNG)  # named .jpg, but the bytes are PNG
    assert response.status_code == 302
    profile = TherapistProfile.objects.get(therapist=sana_listed)
    assert profile.photo_type == "image/png"
    assert profile.photo.name.endswith(".png")
    page = Client().get(reverse("directory:therapist", args=[sana_listed.pk])).content.decode()
    assert "<img" not in page, "never loaded unasked: it would break the page budget on a slow link"
    assert f"/find/{sana_listed.pk}/photo/?v=" in page
    served = Client().get(reverse("directory:photo", args=[sana_listed.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served.content == PNG


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("me.jpg", HTML, "Use a JPEG, PNG or WebP photo."),
        ("me.svg", SVG, "Use a JPEG, PNG or WebP photo."),
        ("me.gif", GIF, "Use a JPEG, PNG or WebP photo."),
        ("big.jpg", JPEG + b"\x00" * PHOTO_MAX_BYTES, "The photo is too large. Use one of at most 60 KB."),
    ],
)
def test_anything_else_is_refused_with_a_reason(name: str, data: bytes, message: str, therapist_sana: User) -> None:
    response = upload(signed_in_client(therapist_sana), name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TherapistProfile.objects.exists()


def test_a_photo_of_exactly_60_kb_is_fine(therapist_sana: User) -> None:
    data = WEBP + b"\x00" * (PHOTO_MAX_BYTES - len(WEBP))
    assert upload(signed_in_client(therapist_sana), "me.webp", data, published="").status_code == 302


def test_a_new_photo_replaces_the_old_and_the_photo_can_be_removed(sana_listed: User, on_commit) -> None:
    client = signed_in_client(sana_listed)
    with on_commit():
        upload(client, "a.png", PNG)
    first = TherapistProfile.objects.get(therapist=sana_listed).photo
    storage, first_name = first.storage, first.name
    with on_commit():
        upload(client, "b.jpg", JPEG)
    assert not storage.exists(first_name)
    second = TherapistProfile.objects.get(therapist=sana_listed).photo.name
    with on_commit():
        client.post(
            reverse("directory:profile_edit"),
            {"gender": "woman", "languages": ["ur"], "published": "on", "remove_photo": "on"},
        )
    assert not TherapistProfile.objects.get(therapist=sana_listed).photo
    assert not storage.exists(second)
    assert Client().get(reverse("directory:photo", args=[sana_listed.pk])).status_code == 404
