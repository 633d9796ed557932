"""Discreet mode: every page a client or a visitor sees has a neutral title and a way to leave quickly.

Every page the byte-budget test visits (it walks the URL configuration, so a page added later is checked
too) is fetched again in English, Urdu, Punjabi, Sindhi and Pashto, as the persona that visit uses; the
<title> of each must hold no word of dilasa.core.discreet.SENSITIVE_WORDS, and the page must carry the
quick-exit button and its script. Staff see the site's normal wording and no button.
"""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.core.discreet import sensitive_words_in
from dilasa.testing import signed_in_client
from tests.test_page_budget import EXTRA_VISITS, PAGES

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def title_of(body: str) -> str:
    found = TITLE.search(body)
    assert found, "a page without a <title>"
    return html.unescape(" ".join(found.group(1).split()))


def viewer_of(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


QUICK_EXIT = 'id="qx"'
SCRIPT = "js/discreet.js"
NO_QUICK_EXIT = {"core:neutral"}  # the page quick exit lands on says nothing of us, not even that


def titles_in_every_language(client: Client, url: str) -> dict[str, str]:
    """The page's title in each language; and it checks, as it goes, that the quick exit is there for non-staff."""
    viewer = viewer_of(client)
    discreet = viewer is None or not viewer.is_staff_role
    titles: dict[str, str] = {}
    for language in LANGUAGES:
        if viewer is not None:
            User.objects.filter(pk=viewer.pk).update(language=language)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(url)
        if response.status_code != 200:
            assert titles, f"{url}: {response.status_code}"
            continue  # a page shown once (new recovery codes) has been seen in the first language
        body = response.content.decode()
        titles[language] = title_of(body)
        if discreet and response.resolver_match.view_name not in NO_QUICK_EXIT:
            assert QUICK_EXIT in body, f"{url}: no quick exit"
            assert SCRIPT in body, f"{url}: no quick-exit script"
        elif not discreet:
            assert QUICK_EXIT not in body, f"{url}: staff see no quick exit"
    return titles


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES) + sorted(EXTRA_VISITS))
def test_every_page_a_client_or_visitor_sees_is_discreet(page: str, request: pytest.FixtureRequest) -> None:
    client, url = (PAGES | EXTRA_VISITS)[page](request)
    viewer = viewer_of(client)
    titles = titles_in_every_language(client, url)
    if viewer is not None and viewer.is_staff_role:
        assert all(titles.values())
        return
    leaks = {language: (title, sensitive_words_in(title)) for language, title in titles.items()}
    assert not {k: v for k, v in leaks.items() if v[1]}, f"{page} ({url})"


@pytest.mark.django_db
def test_a_title_with_a_sensitive_word_becomes_the_site_name_while_discreet(
    client_ayesha: User, therapist_sana: User
) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    url = reverse("directory:search")  # its own title is "Find a therapist · Dilasa"
    assert title_of(Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()) == "Dilasa"
    assert title_of(signed_in_client(client_ayesha).get(url).content.decode()) == "Dilasa"
    # A client who turned discreet mode off, and staff, see the page's own words.
    client_ayesha.discreet = False
    client_ayesha.save()
    assert "therapist" in title_of(signed_in_client(client_ayesha).get(url).content.decode())
    therapist_sana.language = "en"
    therapist_sana.save()
    assert "therapist" in title_of(signed_in_client(therapist_sana).get(url).content.decode())


@pytest.mark.django_db
def test_a_neutral_title_is_kept_while_discreet(client_ayesha: User) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    body = signed_in_client(client_ayesha).get(reverse("messaging:inbox")).content.decode()
    assert title_of(body) == "Messages · Dilasa"
