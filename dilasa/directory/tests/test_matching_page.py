"""The questionnaire suggests listed therapists in order, says why, and keeps the answers out of URLs and caches."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.testing import signed_in_client


def suggested(response) -> list[str]:
    assert response.status_code == 200
    results = response.context["results"]
    assert results is not None, response.context["form"].errors
    return [r.therapist.display_name for r in results]


def test_answers_rank_the_therapists_and_say_why(sana_listed: User, zubair_listed: User) -> None:
    response = Client().post(
        reverse("directory:match"),
        {"concerns": ["grief"], "language": "ur", "gender": "", "mode": "audio", "budget": "۱۵۰۰"},
    )
    assert suggested(response) == ["Zubair", "Dr Sana"]
    html = response.content.decode()
    assert "Works with: Grief and loss" in html
    assert "Offers voice-only sessions" in html
    assert "Has times this week" in html  # Sana has open hours; Zubair has none set
    assert "Within your budget on a sliding scale" in html


def test_a_gender_asked_for_is_honoured_strictly(sana_listed: User, zubair_listed: User) -> None:
    response = Client().post(reverse("directory:match"), {"gender": "woman", "concerns": ["grief"]})
    assert suggested(response) == ["Dr Sana"]
    assert "A woman, as you asked" in response.content.decode()


def test_not_sure_still_suggests_someone(sana_listed: User, zubair_listed: User) -> None:
    response = Client().post(reverse("directory:match"), {"concerns": ["not-sure"], "free_only": "on"})
    assert suggested(response) == ["Zubair"]


def test_when_no_one_fits_it_says_what_to_loosen(sana_listed: User) -> None:
    response = Client().post(reverse("directory:match"), {"language": "bal"})
    assert suggested(response) == []
    assert "No one fits all of that yet" in response.content.decode()


def test_bad_answers_are_explained(sana_listed: User) -> None:
    response = Client().post(reverse("directory:match"), {"budget": "-3", "language": "klingon"})
    assert response.status_code == 200
    assert response.context["results"] is None
    html = response.content.decode()
    assert "A fee cannot be below zero." in html
    assert "Choose one of the options in the list." in html


def test_the_language_question_starts_at_the_readers_language(client_ayesha: User) -> None:
    response = signed_in_client(client_ayesha).get(reverse("directory:match"))  # Ayesha reads Urdu
    assert response.context["form"]["language"].value() == "ur"


def test_reading_english_does_not_presume_the_language_to_talk_in(db: None) -> None:
    client = Client()
    client.cookies["dilasa_lang"] = "en"
    assert client.get(reverse("directory:match")).context["form"]["language"].value() in ("", None)


def test_the_answers_are_posted_and_never_cached(sana_listed: User) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("directory:match"))
    assert 'method="post"' in page.content.decode()
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("directory:match"), {"concerns": ["anxiety"], "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
