"""English and Urdu in full; Punjabi (Shahmukhi), Sindhi and Pashto registered right-to-left."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from dilasa.accounts.models import User
from dilasa.core.i18n import LOCALES, local_datetime, local_number, normalise_digits
from dilasa.testing import signed_in_client

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
GURMUKHI = re.compile(r"[\u0a00-\u0a7f]")
RTL = ("ur", "pnb", "sd", "ps")


def page_in(client: Client, language: str, path: str = "/sign-in/") -> str:
    client.cookies["dilasa_lang"] = language
    return client.get(path).content.decode()


def test_every_offered_language_is_registered_with_a_direction() -> None:
    assert {code for code, _ in settings.LANGUAGES} == set(LOCALES)
    for code in RTL:
        assert code in settings.LANGUAGES_BIDI
        assert translation.get_language_info(code)["bidi"] is True
    assert translation.get_language_info("en")["bidi"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("language", RTL)
def test_right_to_left_languages_render_right_to_left(client: Client, language: str) -> None:
    html = page_in(client, language)
    assert f'lang="{LOCALES[language].html_lang}" dir="rtl"' in html
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert heading
    assert ARABIC_SCRIPT.search(heading.group(1)), f"sign-in heading is not translated into {language}"


@pytest.mark.django_db
def test_english_renders_left_to_right(client: Client) -> None:
    assert 'lang="en" dir="ltr"' in page_in(client, "en")


@pytest.mark.django_db
def test_shahmukhi_punjabi_never_falls_back_to_gurmukhi(client: Client) -> None:
    client.cookies["dilasa_lang"] = "pnb"
    response = client.post("/sign-in/", {"username": "", "password": ""})
    assert not GURMUKHI.search(response.content.decode())


@pytest.mark.django_db
def test_choosing_a_language_is_remembered_for_the_signed_in_person(client_ayesha: User) -> None:
    phone = signed_in_client(client_ayesha)
    phone.post("/language/", {"language": "sd", "next": "/account/"})
    client_ayesha.refresh_from_db()
    assert client_ayesha.language == "sd"
    laptop = signed_in_client(client_ayesha)  # a new device with no language cookie
    assert 'dir="rtl"' in laptop.get("/account/").content.decode()
    assert laptop.get("/account/")["Content-Language"] == "sd"


@pytest.mark.django_db
def test_an_unknown_language_is_refused_and_nothing_changes(client: Client, client_ayesha: User) -> None:
    client = signed_in_client(client_ayesha)
    assert client.post("/language/", {"language": "xx"}).status_code == 400
    client_ayesha.refresh_from_db()
    assert client_ayesha.language == "ur"


@pytest.mark.django_db
def test_the_language_switch_never_redirects_off_site(client: Client) -> None:
    response = client.post("/language/", {"language": "ur", "next": "https://evil.example/"})
    assert response.url == "/"


def test_digits_typed_on_urdu_sindhi_or_pashto_keyboards_become_ascii() -> None:
    assert normalise_digits("۰۳۰۰-١٢٣٤٥٦٧ abc") == "0300-1234567 abc"


def test_dates_and_numbers_follow_the_locale() -> None:
    moment = datetime(2026, 11, 26, 10, 30, tzinfo=ZoneInfo("UTC"))  # 15:30 in Karachi
    with translation.override("en"):
        assert "Nov" in local_datetime(moment)
        assert "3:30" in local_datetime(moment)
    with translation.override("ur"):
        assert "نومبر" in local_datetime(moment)
    with translation.override("sd"):
        assert "نومبر" in local_datetime(moment)
    with translation.override("en"):
        assert local_number(1234567.5) == "1,234,567.5"


def test_templates_format_dates_in_the_readers_locale_and_pakistan_time() -> None:
    from django.template import Context, Template

    moment = datetime(2026, 11, 26, 10, 30, tzinfo=ZoneInfo("UTC"))
    template = Template("{% load dilasa_format %}{{ when|local_datetime }}|{{ when|local_date:'long' }}")
    with translation.override("ur"):
        rendered = template.render(Context({"when": moment}))
    assert "نومبر" in rendered
    assert "3:30" in rendered
