"""After their first feedback, a client is asked once, optionally, their age band and comfort with technology."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.live import services
from dilasa.live.access import access_room
from dilasa.live.export import export_for_client
from dilasa.live.models import AboutMe
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db

QUESTION = "Two questions, asked only once"
FEEDBACK = {"session_rating": "4", "connection_rating": "3", "connected_rating": "5"}


@pytest.fixture
def after_url(appointment: Appointment, client_ayesha: User, therapist_sana: User) -> str:
    room = access_room(user=client_ayesha, appointment_id=appointment.pk)
    services.room_admit(room_id=room.pk, by=therapist_sana)
    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    return reverse("live:after", args=[appointment.pk])


@pytest.fixture
def ayesha(client_ayesha: User) -> Client:
    return signed_in_client(client_ayesha)


def test_the_question_comes_only_after_the_feedback(ayesha: Client, after_url: str) -> None:
    assert QUESTION not in ayesha.get(after_url).content.decode()
    assert ayesha.post(after_url, FEEDBACK).status_code == 302
    page = ayesha.get(after_url).content.decode()
    assert QUESTION in page
    assert "Prefer not to say" in page


def test_an_answer_is_kept_and_the_question_never_comes_back(
    ayesha: Client, after_url: str, client_ayesha: User
) -> None:
    ayesha.post(after_url, FEEDBACK)
    answer = {"about_me": "yes", "age_band": "55_64", "tech_comfort": "new"}
    assert ayesha.post(after_url, answer).status_code == 302
    about = AboutMe.objects.get(client=client_ayesha)
    assert (about.age_band, about.tech_comfort, about.declined) == ("55_64", "new", False)
    assert QUESTION not in ayesha.get(after_url).content.decode()
    # Asked once: a second answer (a replayed form) changes nothing.
    ayesha.post(after_url, {"about_me": "yes", "age_band": "under_25", "tech_comfort": "very"})
    assert AboutMe.objects.get(client=client_ayesha).age_band == "55_64"
    assert export_for_client(client_ayesha)["about_me"]["age_band"] == "55_64"


def test_prefer_not_to_say_and_no_thank_you_are_answers_too(
    ayesha: Client, after_url: str, client_ayesha: User
) -> None:
    ayesha.post(after_url, FEEDBACK)
    assert ayesha.post(after_url, {"about_me": "no", "age_band": "35_44"}).status_code == 302
    about = AboutMe.objects.get(client=client_ayesha)
    assert (about.age_band, about.tech_comfort, about.declined) == ("", "", True)
    assert QUESTION not in ayesha.get(after_url).content.decode()


def test_an_answer_not_offered_is_refused_and_nothing_is_stored(
    ayesha: Client, after_url: str, client_ayesha: User
) -> None:
    ayesha.post(after_url, FEEDBACK)
    page = ayesha.post(after_url, {"about_me": "yes", "age_band": "101", "tech_comfort": "very"})
    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()
    assert not AboutMe.objects.exists()
    with pytest.raises(ValidationError):
        services.about_me_save(client=client_ayesha, age_band="101")


def test_only_a_client_answers(therapist_sana: User) -> None:
    with pytest.raises(ValidationError):
        services.about_me_save(client=therapist_sana, age_band="25_34")
    assert not AboutMe.objects.exists()
