"""Receipts say "Dilasa appointment receipt" and no more: no names, no clinical words, in every language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.payments import services
from dilasa.payments.tests.support import PAYMENT_URLS, book, submitted
from dilasa.scheduling.tests.reminder_support import clinical_words_in
from dilasa.testing import signed_in_client

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAYMENT_URLS)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LATIN_LETTERS = re.compile(r"[A-Za-z]")


@pytest.fixture
def confirmed(client_ayesha: User, therapist_sana: User, admin_farah: User):
    return services.payment_confirm(admin=admin_farah, payment=submitted(book(client_ayesha, therapist_sana)))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_no_receipt_has_a_clinical_word_or_a_name(
    confirmed, client_ayesha: User, therapist_sana: User, clinic_sukoon, language: str, channel: str
) -> None:
    confirmed.payer.language = language
    receipt = services.receipt_render(confirmed, channel=channel)
    for text in (receipt.subject, receipt.body):
        assert clinical_words_in(text) == [], text
        assert therapist_sana.display_name not in text
        assert clinic_sukoon.name not in text


def test_the_english_receipt(confirmed, client_ayesha: User) -> None:
    confirmed.payer.language = "en"
    receipt = services.receipt_render(confirmed, channel="email")
    assert receipt.subject == "Dilasa appointment receipt"
    assert "Amount: 3,000 rupees" in receipt.body
    assert "Paid by: JazzCash, reference TX1234567890" in receipt.body


def test_urdu_readers_get_an_urdu_receipt(confirmed, client_ayesha: User) -> None:
    assert confirmed.payer.language == "ur"
    receipt = services.receipt_render(confirmed, channel="email")
    assert not LATIN_LETTERS.search(receipt.subject), receipt.subject
    assert not LATIN_LETTERS.search(re.sub(r"DL-\d+|https?://\S+|\b(AM|PM)\b|JazzCash|TX\d+", "", receipt.body)), (
        receipt.body
    )


def test_the_receipt_page(confirmed, client_ayesha: User, clinic_sukoon) -> None:
    page = signed_in_client(client_ayesha).get(reverse("payments:receipt", args=[confirmed.pk]))
    html = page.content.decode()
    assert confirmed.receipt_number in html
    assert "TX1234567890" in html
    assert clinic_sukoon.name in html  # the page, behind sign-in, says who was paid
