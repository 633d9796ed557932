"""Bad filter values get a plain message in the reader's language, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.directory.forms import RupeesField

SUMMARY = "Some filters could not be used"


def search(query: dict[str, str]) -> tuple[int, str, object]:
    response = Client().get(reverse("directory:search"), query)
    return response.status_code, response.content.decode(), response.context["page"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"language": "xx"}, "Choose one of the options in the list."),
        ({"gender": "robot"}, "Choose one of the options in the list."),
        ({"mode": "telepathy"}, "Choose one of the options in the list."),
        ({"speciality": "astrology"}, "Choose one of the options in the list."),
        ({"fee_min": "-500"}, "A fee cannot be below zero."),
        ({"fee_max": "cheap"}, "Write an amount in whole rupees, like 2000."),
        ({"fee_max": "12.50"}, "Write an amount in whole rupees, like 2000."),
        ({"fee_max": "9" * 40}, "Write an amount in whole rupees, like 2000."),
        ({"fee_max": "2000000"}, "That is more than any fee here."),
        ({"fee_min": "5000", "fee_max": "1000"}, "The highest fee is below the lowest fee."),
    ],
)
def test_a_bad_value_is_explained_and_nothing_breaks(query: dict[str, str], message: str, sana_listed: User) -> None:
    status, html, page = search(query)
    assert status == 200
    assert SUMMARY in html
    assert message in html.replace("&#x27;", "'")
    assert page is None, "no list while a filter cannot be used"
    assert '<details class="filters" open>' in html, "the filters stay open to fix"


@pytest.mark.parametrize("amount", ["۲۰۰۰", "٢٠٠٠", "2,000", "۲٬۰۰۰", " 2000 ", "Rs 2000", "Rs. 2,000"])
def test_fees_typed_in_urdu_digits_or_with_separators_are_understood(amount: str) -> None:
    assert RupeesField().clean(amount) == 2000


def test_an_urdu_fee_filters_like_a_latin_one(sana_listed: User, zubair_listed: User) -> None:
    _, _, page = search({"fee_max": "۵۰۰"})
    assert [t.display_name for t in page.object_list] == ["Zubair"]


def test_the_message_is_in_the_readers_language(sana_listed: User) -> None:
    from django.utils import translation

    client = Client()
    client.cookies["dilasa_lang"] = "ur"
    response = client.get(reverse("directory:search"), {"fee_min": "-1"})
    assert response.status_code == 200
    with translation.override("ur"):
        expected = translation.gettext("A fee cannot be below zero.")
    assert expected in response.content.decode()
