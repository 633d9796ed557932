"""The consent pages: for clients only, never cached, discreet titles and addresses, clear errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentEvent, ConsentKind
from dilasa.consent.publishing import document_publish
from dilasa.consent.selectors import current_document
from dilasa.testing import signed_in_client

URLS = [reverse("consent:mine"), *(reverse("consent:document", args=[s]) for s in ("online", "supervisor", "studies"))]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_never_cached_and_discreet(url: str, ayesha_en: User) -> None:
    response = signed_in_client(ayesha_en).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    for word in ("counsel", "therap", "mental", "research", "supervis"):
        assert word not in title.lower()
    for word in ("counsel", "therap", "mental"):
        assert word not in url


@pytest.mark.django_db
def test_the_urdu_reader_reads_it_right_to_left(client_ayesha: User) -> None:
    page = signed_in_client(client_ayesha).get(reverse("consent:document", args=["online"])).content.decode()
    assert '<article lang="ur" dir="rtl">' in page
    assert "رضامندی" in page


@pytest.mark.django_db
def test_staff_have_no_consent_pages(therapist_sana: User) -> None:
    assert signed_in_client(therapist_sana).get(reverse("consent:mine")).status_code == 403


@pytest.mark.django_db
def test_an_unknown_kind_is_not_found(client_ayesha: User) -> None:
    assert signed_in_client(client_ayesha).get(reverse("consent:document", args=["other"])).status_code == 404


@pytest.mark.django_db
def test_a_version_published_while_reading_is_shown_with_a_clear_message(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    url = reverse("consent:document", args=["online"])
    seen = browser.get(url).context["form"].initial
    old = current_document(ConsentKind.TELECOUNSELLING)
    assert old is not None
    new = document_publish(kind=ConsentKind.TELECOUNSELLING, version=old.version + 1, texts={"en": ("T", "Changed.")})
    response = browser.post(url, seen)
    assert response.status_code == 409
    assert "newer version" in response.content.decode()
    assert response.context["form"].initial["document"] == new.pk
    assert not ConsentEvent.objects.filter(client=ayesha_en).exists()


@pytest.mark.django_db
def test_a_tampered_form_gets_a_clear_error(ayesha_en: User) -> None:
    response = signed_in_client(ayesha_en).post(reverse("consent:document", args=["online"]), {"document": "x"})
    assert response.status_code == 409
    assert "press the button again" in response.content.decode()


@pytest.mark.django_db
def test_next_never_leads_off_the_site(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    url = reverse("consent:document", args=["online"])
    initial = browser.get(url).context["form"].initial
    response = browser.post(url, {**initial, "next": "https://evil.example/"})
    assert response.url == reverse("consent:mine")
