"""A client sees every access to their information by someone else: who, what in words, when, why. Not
their own, not other clients', and never a staff member's network address."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.origin import set_origin
from dilasa.audit.services import record
from dilasa.audit.testing import in_care_of
from dilasa.core.i18n import local_datetime
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def read(actor: User, client: User, kind: str = "live.note", purpose: Purpose = Purpose.CARE) -> None:
    record(actor=actor, subject_id=client.pk, action=Action.READ, target=f"{kind}:7", purpose=purpose)


@pytest.fixture
def ayesha(client_ayesha: User, therapist_sana: User) -> User:
    client_ayesha.language = "en"  # the wording is checked in English
    client_ayesha.time_zone = "Asia/Tokyo"  # four hours from Pakistan, so a wrong zone shows
    client_ayesha.save()
    in_care_of(client_ayesha, therapist_sana)
    return client_ayesha


def test_the_client_sees_reads_by_others_in_words(ayesha: User, therapist_sana: User) -> None:
    set_origin("198.51.100.23")
    try:
        read(therapist_sana, ayesha)
    finally:
        set_origin(None)
    page = signed_in_client(ayesha).get(reverse("audit:my_access"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "Dr Sana" in html
    assert "Therapist" in html
    assert "Sukoon Centre" in html
    assert "viewed: your therapist&#x27;s note of a session" in html
    assert "Why: your care" in html
    assert "198.51.100.23" not in html  # staff addresses stay in the clinic's log
    assert "live.note" not in html  # no raw targets


def test_the_time_is_in_the_clients_zone(ayesha: User, therapist_sana: User) -> None:
    read(therapist_sana, ayesha)
    html = signed_in_client(ayesha).get(reverse("audit:my_access")).content.decode()
    event = AccessEvent.objects.get()
    with timezone.override(ZoneInfo("Asia/Tokyo")), translation.override("en"):
        tokyo = local_datetime(event.at)
    with timezone.override(ZoneInfo("Asia/Karachi")), translation.override("en"):
        karachi = local_datetime(event.at)
    assert tokyo in html
    assert karachi not in html


def test_not_their_own_reads_and_not_other_clients(ayesha: User, therapist_sana: User, client_kamran: User) -> None:
    read(ayesha, ayesha, kind="live.mood", purpose=Purpose.OWN)
    read(therapist_sana, client_kamran, kind="live.chat")
    html = signed_in_client(ayesha).get(reverse("audit:my_access")).content.decode()
    assert "Nobody else has opened your information yet." in html
    assert "Dr Sana" not in html


def test_the_page_is_in_the_clients_language(client_ayesha: User, therapist_sana: User) -> None:
    read(therapist_sana, client_ayesha)  # Ayesha reads Urdu
    page = signed_in_client(client_ayesha).get(reverse("audit:my_access"))
    assert 'lang="ur"' in page.content.decode()


def test_the_page_is_paged(ayesha: User, therapist_sana: User) -> None:
    for _ in range(30):
        read(therapist_sana, ayesha)
    client = signed_in_client(ayesha)
    first = client.get(reverse("audit:my_access")).content.decode()
    assert first.count('class="card"') == 25
    assert 'rel="next"' in first
    second = client.get(reverse("audit:my_access") + "?page=2").content.decode()
    assert second.count('class="card"') == 5


@pytest.mark.parametrize("persona", ["therapist_sana", "admin_farah"])
def test_staff_have_no_such_page(persona: str, request: pytest.FixtureRequest) -> None:
    assert signed_in_client(request.getfixturevalue(persona)).get(reverse("audit:my_access")).status_code == 403
