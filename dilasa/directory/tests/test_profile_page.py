"""A therapist's page: their bio in the reader's language, how to meet, the fee, the next open time, and Book."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.directory.models import Gender
from dilasa.directory.testing import give_practice, give_profile
from dilasa.scheduling.models import Appointment, Mode, Status
from dilasa.testing import signed_in_client

BIOS = {"ur": "اردو میں تعارف", "en": "About me in English", "pnb": "پنجابی وچ تعارف"}


@pytest.fixture
def sana(sana_listed: User) -> User:
    give_profile(
        sana_listed, gender=Gender.WOMAN, languages=("ur", "en", "pnb"), specialities=("anxiety", "sleep"), bios=BIOS
    )
    return sana_listed


def page(client: Client, therapist: User, language: str | None = None) -> str:
    if language:
        client.cookies["dilasa_lang"] = language
    response = client.get(reverse("directory:therapist", args=[therapist.pk]))
    assert response.status_code == 200
    return response.content.decode()


def first_bio(html: str) -> str:
    start = html.index('<div class="bio"')
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize(
    ("reader", "shown"),
    [("en", "About me in English"), ("ur", "اردو میں تعارف"), ("pnb", "پنجابی وچ تعارف"), ("ps", "اردو میں تعارف")],
)
def test_the_bio_comes_in_the_readers_language_else_urdu(sana: User, reader: str, shown: str) -> None:
    html = page(Client(), sana, reader)
    assert shown in first_bio(html)
    assert all(text in html for text in BIOS.values()), "the other bios are a tap away"


def test_without_urdu_the_fallback_is_english(therapist_sana: User) -> None:
    give_profile(therapist_sana, languages=("en", "sd"), bios={"sd": "سنڌي ۾ تعارف", "en": "In English"})
    give_practice(therapist_sana)
    assert "In English" in first_bio(page(Client(), therapist_sana, "ps"))


def test_a_signed_in_readers_own_language_choice_counts(sana: User, client_ayesha: User) -> None:
    assert "اردو میں تعارف" in first_bio(page(signed_in_client(client_ayesha), sana))  # Ayesha reads Urdu


def test_each_bio_is_marked_with_its_language_for_screen_readers_and_direction(sana: User) -> None:
    html = page(Client(), sana, "en")
    assert '<div class="bio" lang="en" dir="auto">' in html
    assert '<div class="bio" lang="ur" dir="auto">' in html


def test_the_facts_a_client_needs(sana: User) -> None:
    html = page(Client(), sana, "en")
    assert "Urdu · English · Punjabi" in html
    assert "Video · Voice only · Text chat" in html
    assert "Rs 3,000 a session · sliding scale from Rs 1,000" in html
    assert "Anxiety and worry · Sleep" in html
    assert "No open times" not in html
    next_time = html.split("Next open time</dt><dd>")[1].split("</dd>")[0]
    assert str(timezone.localdate().year) in next_time or str(timezone.localdate().year + 1) in next_time


def test_free_and_no_open_times_are_said_plainly(zubair_listed: User) -> None:
    html = page(Client(), zubair_listed, "en")
    assert "<dt>Fee</dt><dd>Free" in html
    assert "No open times in the coming weeks." in html


def test_visitors_and_clients_get_a_book_link_staff_do_not(sana: User, client_ayesha: User, admin_farah: User) -> None:
    book = reverse("scheduling:book", kwargs={"therapist_id": sana.pk})
    assert f'href="{book}"' in page(Client(), sana)
    assert f'href="{book}"' in page(signed_in_client(client_ayesha), sana)
    assert f'href="{book}"' not in page(signed_in_client(admin_farah), sana)


def test_a_client_who_sees_another_therapist_is_told_switching_is_easy(
    sana: User, zubair_listed: User, client_ayesha: User
) -> None:
    note = "your past sessions stay in your account"
    client_ayesha.language = "en"  # the wording is checked in English; Ayesha usually reads Urdu
    client_ayesha.save(update_fields=["language"])
    client = signed_in_client(client_ayesha)
    assert note not in page(client, sana)
    start = timezone.now() + timedelta(days=2)
    appointment = Appointment.objects.create(
        therapist=zubair_listed,
        client=client_ayesha,
        organisation=zubair_listed.organisation,
        starts_at=start,
        ends_at=start + timedelta(minutes=50),
        blocks_until=start + timedelta(minutes=60),
        mode=Mode.AUDIO,
        booked_by=client_ayesha,
    )
    assert note in page(client, sana)
    assert note not in page(client, zubair_listed), "not on the page of the therapist they already see"
    assert note not in page(Client(), sana)
    appointment.status = Status.CANCELLED
    appointment.save()
    assert note not in page(client, sana)
