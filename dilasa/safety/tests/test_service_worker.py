"""The service worker is served from the site root and keeps only the help page and its assets; the copy it
keeps is the one anyone would see. (That it really opens offline: tests/browser/test_help_offline.py.)"""

from __future__ import annotations

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_worker_is_at_the_root_and_names_the_help_page_and_its_styles() -> None:
    answer = Client().get("/sw.js")

    assert reverse("safety:service_worker") == "/sw.js"
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert answer["Cache-Control"] == "no-cache"
    body = answer.content.decode()
    assert f'const PAGE = "{reverse("safety:crisis")}"' in body
    assert static("css/app.css") in body
    assert "__VERSION__" not in body
    assert len(answer.content) < 3000


def test_every_page_registers_it(client_ayesha: User) -> None:
    page = signed_in_client(client_ayesha).get(reverse("accounts:home")).content.decode()
    assert static("safety/register.js") in page
    assert 'data-sw="/sw.js"' in page


def test_the_kept_copy_is_what_anyone_sees_in_the_readers_language(ayesha: User) -> None:
    copy = signed_in_client(ayesha).get(reverse("safety:crisis"), HTTP_X_DILASA_COPY="offline")

    text = copy.content.decode()
    assert copy["Content-Language"] == "en"
    assert "Ayesha" not in text
    assert reverse("safety:help_now") not in text
    assert reverse("accounts:logout") not in text
    assert 'href="tel:1122"' in text
