"""The device check page: open to anyone, discreet, in the reader's language, and its script holds no words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.live.check_views import RUNGS
from dilasa.testing import signed_in_client

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "check.js"


def test_url_is_check() -> None:
    assert reverse("live:check") == "/check/"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ur", "rtl")])
def test_anyone_can_open_it_in_their_language(client: Client, language: str, direction: str) -> None:
    client.cookies["dilasa_lang"] = language
    response = client.get(reverse("live:check"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert response["Content-Language"] == language


def test_a_signed_in_client_can_open_it(client_ayesha: User) -> None:
    response = signed_in_client(client_ayesha).get(reverse("live:check"))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode(), "Ayesha reads Urdu"


@pytest.mark.django_db
def test_page_gives_the_script_its_endpoints_limits_and_token(client: Client) -> None:
    html = client.get(reverse("live:check")).content.decode()
    assert 'data-ping="/check/ping"' in html
    assert 'data-down="/check/download"' in html
    assert 'data-up="/check/upload"' in html
    assert 'data-max-kb="512"' in html
    assert re.search(r'data-csrf="[A-Za-z0-9]{32,}"', html)
    assert '<script type="module" src="/static/js/check.js"></script>' in html
    assert "<script>" not in html, "no inline script: the CSP allows only 'self'"


@pytest.mark.django_db
def test_every_mode_is_offered_with_its_data_use(client: Client) -> None:
    html = client.get(reverse("live:check")).content.decode()
    for rung in RUNGS:
        assert f'data-mode="{rung.mode}" data-needs="{rung.needs_kbps}"' in html
    for words in ("about 3.8 MB a minute", "about 1.1 MB a minute", "about 0.2 MB a minute", "under 0.05 MB a minute"):
        assert words in html


@pytest.mark.django_db
def test_the_title_says_nothing_about_counselling(client: Client) -> None:
    html = client.get(reverse("live:check")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title == "Device check · Dilasa"


def test_the_script_is_small_and_holds_no_words() -> None:
    source = SCRIPT.read_text()
    assert len(source.encode()) < 8 * 1024
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source) + re.findall(r"`([^`\n]*)`", source)
    worded = [text for text in literals if " " in text]
    assert not worded, f"words belong in the template, translated: {worded}"
