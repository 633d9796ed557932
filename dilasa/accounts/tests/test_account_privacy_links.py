"""A client reaches every privacy page from their account; staff are not offered a client's pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db

PRIVACY_PAGES = ("audit:my_access", "consent:mine", "rights:mine")


def test_a_client_finds_who_has_seen_their_information_agreements_and_data(client_ayesha: User) -> None:
    page = signed_in_client(client_ayesha).get(reverse("accounts:account")).content.decode()
    for name in PRIVACY_PAGES:
        assert f'href="{reverse(name)}"' in page, name


def test_a_therapists_account_page_has_no_client_privacy_links(therapist_sana: User) -> None:
    page = signed_in_client(therapist_sana).get(reverse("accounts:account")).content.decode()
    for name in PRIVACY_PAGES:
        assert reverse(name) not in page, name
