"""A client books from a phone; times show in their own zone; nobody sees another's appointment."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.models import Appointment, Mode, Status
from dilasa.scheduling.testing import karachi, open_every_day
from dilasa.testing import signed_in_client


@pytest.fixture
def sana_open(therapist_sana: User) -> User:
    open_every_day(therapist_sana)
    return therapist_sana


def test_a_client_picks_a_shown_time_and_books_it(sana_open: User, client_ayesha: User) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    browser = signed_in_client(client_ayesha)
    page = browser.get(reverse("scheduling:book", args=[sana_open.pk]))
    assert page.status_code == 200
    times = re.findall(r'name="slot" value="([^"]+)"', page.content.decode())
    assert times
    response = browser.post(reverse("scheduling:book", args=[sana_open.pk]), {"slot": times[0], "mode": Mode.AUDIO})
    booked = Appointment.objects.get()
    assert response.url == reverse("scheduling:appointment", args=[booked.pk])
    assert booked.mode == Mode.AUDIO
    assert browser.get(response.url).status_code == 200


def test_a_client_abroad_sees_times_in_their_own_zone(sana_open: User, client_ayesha: User) -> None:
    client_ayesha.time_zone = "Europe/London"
    client_ayesha.language = "en"
    client_ayesha.save()
    page = signed_in_client(client_ayesha).get(reverse("scheduling:book", args=[sana_open.pk])).content.decode()
    # 09:00 in Karachi is 4:00 AM in London (winter) or 5:00 AM (summer)
    times = re.findall(r'<label class="time">.*?>([^<]+)</label>', page)
    assert any(re.fullmatch(r"[45]:00\W?am", t, re.I) for t in times), times
    # Hours end at 17:00 in Karachi, which is noon in London: no afternoon times.
    assert not any(t.lower().endswith("pm") for t in times), times


def test_a_taken_time_gets_a_clear_answer(sana_open: User, client_ayesha: User, client_kamran: User) -> None:
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    services.appointment_book(
        client=client_kamran, therapist=sana_open, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=client_kamran
    )
    response = signed_in_client(client_ayesha).post(
        reverse("scheduling:book", args=[sana_open.pk]), {"slot": karachi(3, 10).isoformat(), "mode": Mode.VIDEO}
    )
    assert response.status_code == 409
    assert "just taken" in response.content.decode()
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"slot": "tomorrow at ten", "mode": Mode.VIDEO}, "Choose one of the times shown"),
        ({"slot": "2026-12-01T10:00:00", "mode": Mode.VIDEO}, "Choose one of the times shown"),  # no zone
        ({"slot": "", "mode": Mode.VIDEO}, "This field is required"),
        ({"mode": "telepathy"}, "Select a valid choice"),
    ],
)
def test_malformed_requests_are_refused_and_change_nothing(
    sana_open: User, client_ayesha: User, data: dict[str, str], needle: str
) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    response = signed_in_client(client_ayesha).post(reverse("scheduling:book", args=[sana_open.pk]), data)
    assert response.status_code == 409
    assert needle in response.content.decode()
    assert not Appointment.objects.exists()


def test_an_unverified_or_unknown_therapist_has_no_booking_page(therapist_bilal: User, client_ayesha: User) -> None:
    open_every_day(therapist_bilal)
    browser = signed_in_client(client_ayesha)
    assert browser.get(reverse("scheduling:book", args=[therapist_bilal.pk])).status_code == 404
    assert browser.get(reverse("scheduling:book", args=[999_999])).status_code == 404


def test_only_the_people_in_an_appointment_and_their_clinic_admin_see_it(
    sana_open: User,
    client_ayesha: User,
    client_kamran: User,
    admin_farah: User,
    admin_omar: User,
    therapist_bilal: User,
) -> None:
    item = services.appointment_book(
        client=client_ayesha, therapist=sana_open, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=client_ayesha
    )
    url = reverse("scheduling:appointment", args=[item.pk])
    for who, status in [
        (client_ayesha, 200),
        (sana_open, 200),
        (admin_farah, 200),
        (client_kamran, 404),
        (admin_omar, 404),
        (therapist_bilal, 404),
    ]:
        assert signed_in_client(who).get(url).status_code == status, who
    for action in ("scheduling:appointment_cancel", "scheduling:appointment_move"):
        assert signed_in_client(client_kamran).post(reverse(action, args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.status == Status.BOOKED


def test_cancel_and_move_through_the_pages(sana_open: User, client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    item = services.appointment_book(
        client=client_ayesha, therapist=sana_open, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=client_ayesha
    )
    move_page = browser.get(reverse("scheduling:appointment_move", args=[item.pk]))
    new_time = re.findall(r'name="slot" value="([^"]+)"', move_page.content.decode())[2]
    moved = browser.post(reverse("scheduling:appointment_move", args=[item.pk]), {"slot": new_time})
    new_item = Appointment.objects.get(status=Status.BOOKED)
    assert moved.url == reverse("scheduling:appointment", args=[new_item.pk])
    browser.post(reverse("scheduling:appointment_cancel", args=[new_item.pk]))
    assert not Appointment.objects.filter(status=Status.BOOKED).exists()


def test_the_clients_list_keeps_history_across_therapists(sana_open: User, client_ayesha: User) -> None:
    item = services.appointment_book(
        client=client_ayesha, therapist=sana_open, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=client_ayesha
    )
    services.appointment_cancel(appointment=item, by=client_ayesha)
    page = signed_in_client(client_ayesha).get(reverse("scheduling:my_appointments")).content.decode()
    assert "Dr Sana" in page


def test_the_therapist_calendar_shows_online_and_in_person_side_by_side(
    sana_open: User, client_ayesha: User, client_kamran: User
) -> None:
    for client, hour, mode in [(client_ayesha, 10, Mode.VIDEO), (client_kamran, 11, Mode.IN_PERSON)]:
        services.appointment_book(
            client=client, therapist=sana_open, starts_at=karachi(3, hour), mode=mode, booked_by=client
        )
    browser = signed_in_client(sana_open)
    week = browser.get(reverse("scheduling:calendar"), {"date": karachi(3, 0).date().isoformat()}).content.decode()
    assert "mode-video" in week
    assert "mode-in_person" in week
    day = browser.get(reverse("scheduling:calendar"), {"view": "day", "date": karachi(3, 0).date().isoformat()})
    assert day.status_code == 200
    assert "Ayesha" in day.content.decode()
    assert browser.get(reverse("scheduling:calendar"), {"date": "not-a-date"}).status_code == 200


def test_a_therapist_books_for_their_own_client(sana_open: User, client_ayesha: User) -> None:
    services.appointment_book(
        client=client_ayesha, therapist=sana_open, starts_at=karachi(3, 10), mode=Mode.VIDEO, booked_by=client_ayesha
    )
    browser = signed_in_client(sana_open)
    page = browser.get(reverse("scheduling:book_for_client")).content.decode()
    slot = re.findall(r'name="slot" value="([^"]+)"', page)[-1]
    response = browser.post(
        reverse("scheduling:book_for_client"), {"client": client_ayesha.pk, "slot": slot, "mode": Mode.AUDIO}
    )
    assert response.status_code == 302
    assert Appointment.objects.filter(client=client_ayesha, status=Status.BOOKED).count() == 2


def test_a_therapist_sets_hours_and_an_invalid_time_zone_is_refused(therapist_sana: User, client_ayesha: User) -> None:
    browser = signed_in_client(therapist_sana)
    data = {
        "section": "hours",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "28",
        "hours-0-weekday": "0",
        "hours-0-start": "09:00",
        "hours-0-end": "13:00",
        "hours-0-online": "on",
        "hours-1-weekday": "0",
        "hours-1-start": "12:00",
        "hours-1-end": "11:00",
        "hours-1-online": "on",
    }
    bad = browser.post(reverse("scheduling:hours"), data)
    assert bad.status_code == 400
    data |= {"hours-1-start": "14:00", "hours-1-end": "17:00"}
    assert browser.post(reverse("scheduling:hours"), data).status_code == 302
    assert therapist_sana.weekly_hours.count() == 2
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    me = signed_in_client(client_ayesha)
    response = me.post(reverse("accounts:account"), {"display_name": "Ayesha", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "time zone" in response.content.decode()
    client_ayesha.refresh_from_db()
    assert client_ayesha.time_zone == "Asia/Karachi"
