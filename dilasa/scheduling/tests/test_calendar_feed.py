"""A private calendar address per person: RFC 5545, discreet titles, stable UIDs, and a dead end once reset."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from dilasa.accounts.models import User
from dilasa.scheduling import feeds, services
from dilasa.scheduling.models import CalendarFeed, Mode, ReminderChannels, ReminderWording
from dilasa.scheduling.reminders import reminder_preference_update
from dilasa.scheduling.tests.reminder_support import NOTICE_URLS, book, clinical_words_in
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.urls(NOTICE_URLS)

PAGE = "/account/reminders/"


def new_address(user: User) -> str:
    """Press "Make a calendar address" and read the address shown once."""
    browser = signed_in_client(user)
    assert browser.post(reverse("scheduling_notices:calendar_link_new")).status_code == 302
    url = browser.get(PAGE).context["feed_url"]
    assert url
    return str(url)


def fetch(url: str):
    path = url.split("://", 1)[1].split("/", 1)[1]
    return Client().get(f"/{path}")


def events(response) -> dict[str, Event]:
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_address_is_shown_once_and_only_its_hash_is_kept(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    browser.post(reverse("scheduling_notices:calendar_link_new"))
    first = browser.get(PAGE)
    url = first.context["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert url in first.content.decode()
    assert first.context["webcal_url"].startswith("webcal://")
    again = browser.get(PAGE)
    assert again.context["feed_url"] is None
    assert token not in again.content.decode()
    stored = CalendarFeed.objects.get(user=client_ayesha)
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_the_feed_lists_her_appointments_discreetly(client_ayesha: User, therapist_sana: User) -> None:
    online = book(client_ayesha, therapist_sana, days=3, hour=10)
    in_person = book(client_ayesha, therapist_sana, days=4, hour=11, mode=Mode.IN_PERSON)
    response = fetch(new_address(client_ayesha))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    found = events(response)
    assert set(found) == {f"appointment-{online.pk}@127.0.0.1", f"appointment-{in_person.pk}@127.0.0.1"}
    first = found[f"appointment-{online.pk}@127.0.0.1"]
    assert first.decoded("dtstart") == online.starts_at.astimezone(UTC)
    assert first.decoded("dtend") == online.ends_at.astimezone(UTC)
    assert first.decoded("dtstart").tzinfo is not None
    assert str(first["status"]) == "CONFIRMED"
    assert str(first["url"]).endswith(f"/appointments/{online.pk}/")
    assert "location" not in first
    second = found[f"appointment-{in_person.pk}@127.0.0.1"]
    assert "Satellite Town" in str(second["location"])
    for event in found.values():
        title = str(event["summary"])
        assert clinical_words_in(title) == []
        assert therapist_sana.display_name not in title


def test_her_chosen_words_title_her_events(client_ayesha: User, therapist_sana: User) -> None:
    reminder_preference_update(
        user=client_ayesha, channels=ReminderChannels.EMAIL, wording=ReminderWording.CUSTOM, custom_text="Chai {time}"
    )
    book(client_ayesha, therapist_sana)
    (event,) = events(fetch(new_address(client_ayesha))).values()
    assert str(event["summary"]) == "Chai"


def test_a_therapist_sees_every_appointment_with_the_clients_chosen_name(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    book(client_ayesha, therapist_sana, days=3)
    book(client_kamran, therapist_sana, days=5)
    titles = sorted(str(e["summary"]) for e in events(fetch(new_address(therapist_sana))).values())
    assert len(titles) == 2
    assert any("Ayesha" in t for t in titles)
    assert any("K." in t for t in titles)


def test_cancelled_and_moved_appointments(client_ayesha: User, therapist_sana: User) -> None:
    kept = book(client_ayesha, therapist_sana, days=3)
    cancelled = book(client_ayesha, therapist_sana, days=4)
    services.appointment_cancel(appointment=cancelled, by=client_ayesha)
    moved = services.appointment_reschedule(
        appointment=kept, by=client_ayesha, starts_at=kept.starts_at + timedelta(days=2)
    )
    found = events(fetch(new_address(client_ayesha)))
    status = {uid.split("@")[0]: str(e["status"]) for uid, e in found.items()}
    assert status == {
        f"appointment-{kept.pk}": "CANCELLED",
        f"appointment-{cancelled.pk}": "CANCELLED",
        f"appointment-{moved.pk}": "CONFIRMED",
    }
    assert found[f"appointment-{cancelled.pk}@127.0.0.1"]["sequence"] == 1


def test_lines_end_in_crlf_and_fold_at_75_octets(client_ayesha: User, therapist_sana: User) -> None:
    client_ayesha.language = "ur"
    client_ayesha.save()
    reminder_preference_update(
        user=client_ayesha,
        channels=ReminderChannels.EMAIL,
        wording=ReminderWording.CUSTOM,
        custom_text="یاد دہانی " * 7 + "{time}",  # long, and three bytes a letter in UTF-8
    )
    book(client_ayesha, therapist_sana, mode=Mode.IN_PERSON)
    body = fetch(new_address(client_ayesha)).content
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines), "the long title should have been folded"
    for line in lines:
        line.decode()  # folding never splits a character
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["summary"]) == ("یاد دہانی " * 7).strip()


def test_a_wrong_or_old_address_is_not_found(client_ayesha: User, therapist_sana: User) -> None:
    book(client_ayesha, therapist_sana)
    old = new_address(client_ayesha)
    assert fetch(old).status_code == 200
    assert Client().head("/" + old.split("://", 1)[1].split("/", 1)[1]).status_code == 200  # some apps ask first
    new = new_address(client_ayesha)
    assert fetch(old).status_code == 404
    assert fetch(new).status_code == 200
    assert Client().get("/calendar/" + "A" * 43 + ".ics").status_code == 404
    signed_in_client(client_ayesha).post(reverse("scheduling_notices:calendar_link_off"))
    assert fetch(new).status_code == 404


def test_a_deactivated_account_has_no_feed(client_ayesha: User) -> None:
    url = new_address(client_ayesha)
    client_ayesha.is_active = False
    client_ayesha.save()
    assert fetch(url).status_code == 404


def test_reading_the_feed_is_noted_for_her_to_see(client_ayesha: User) -> None:
    url = new_address(client_ayesha)
    fetch(url)
    feed = CalendarFeed.objects.get()
    assert feed.last_read_at is not None
    assert timezone.now() - feed.last_read_at < timedelta(minutes=1)
    assert feeds.calendar_feed_of(client_ayesha) == feed
    assert signed_in_client(client_ayesha).get(PAGE).context["feed"].last_read_at == feed.last_read_at
