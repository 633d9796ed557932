"""The client answers on a phone: one screen, every question a radio group, in their language; the answers
are checked (every item, values in range), a double submit stores once, a closed check-in is refused
clearly, and nothing typed is lost on an error."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.outcomes import texts
from dilasa.outcomes.models import Response
from dilasa.outcomes.testing import answered, assigned, form_data
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_what_is_due_shows_on_the_check_ins_page_and_in_the_navigation(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "gad7")
    page = signed_in_client(ayesha_in_english)
    body = page.get(reverse("outcomes:mine")).content.decode()
    assert reverse("outcomes:answer", args=[item.pk]) in body
    assert "From Dr Sana" in body
    assert "GAD" not in body, "the client sees a neutral name"
    assert "anxi" not in body.lower()
    home = page.get(reverse("accounts:home")).content.decode()
    assert re.search(r"Check-ins \(1\)", home), "the count shows in the navigation on the home page"


def test_the_form_is_one_screen_of_radio_groups_without_script(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    response = signed_in_client(ayesha_in_english).get(reverse("outcomes:answer", args=[item.pk]))
    body = response.content.decode()
    assert response["Cache-Control"].count("no-store")
    assert body.count('type="radio"') == 9 * 4
    assert body.count("<fieldset") == 9
    assert "Over the last 2 weeks, how often have you been bothered" in body
    assert "<script" not in body.split("<main")[1].split("</main>")[0]
    assert re.search(r"<title>Check-in · Dilasa</title>", body)


def test_an_urdu_reader_gets_the_urdu_text(client_ayesha: User, therapist_sana: User) -> None:
    item = assigned(client_ayesha, therapist_sana, "phq9")
    body = signed_in_client(client_ayesha).get(reverse("outcomes:answer", args=[item.pk])).content.decode()
    urdu = texts.shipped("phq9", "ur")
    assert urdu.stem in body
    assert urdu.items[8] in body
    assert urdu.options[3] in body
    assert 'lang="ur" dir="rtl"' in body
    assert "provisional" not in body, "the client is not burdened with the text's status"


def test_a_complete_answer_is_stored_once_with_its_score(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    page = signed_in_client(ayesha_in_english)
    data = form_data(item, [1, 1, 2, 2, 0, 0, 1, 3, 0])
    first = page.post(reverse("outcomes:answer", args=[item.pk]), data)
    again = page.post(reverse("outcomes:answer", args=[item.pk]), data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("outcomes:mine")
    stored = Response.objects.get()
    assert (stored.total, stored.band, stored.occurrence) == (10, "moderate", "once")
    assert (stored.text_language, stored.text_validated) == ("en", True)
    assert stored.text_sha256 == texts.shipped("phq9", "en").sha256
    assert "Nothing to answer right now." in page.get(reverse("outcomes:mine")).content.decode()


def test_a_missing_answer_is_refused_and_every_other_answer_stays_ticked(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    data = form_data(item, [2, 1, 2, None, 0, 3, 1, 0, 0])
    response = signed_in_client(ayesha_in_english).post(reverse("outcomes:answer", args=[item.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Please answer every question. Your other answers are kept." in body
    assert "Please choose an answer." in body
    for n, value in [(1, 2), (2, 1), (6, 3)]:
        assert re.search(rf'name="q{n}" value="{value}"[^>]*checked', body), n
    assert f'value="{data["submission_id"]}"' in body, "a resend after fixing it is the same submission"
    assert not Response.objects.exists()


@pytest.mark.parametrize("bad", ["4", "-1", "1.5", "x", ""])
def test_a_value_out_of_range_is_refused(ayesha_in_english: User, therapist_sana: User, bad: str) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "gad7")
    data = form_data(item, [1] * 7) | {"q3": bad}
    response = signed_in_client(ayesha_in_english).post(reverse("outcomes:answer", args=[item.pk]), data)
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_form_without_its_submission_id_is_refused(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "gad7")
    data = form_data(item, [1] * 7) | {"submission_id": "not-a-uuid"}
    response = signed_in_client(ayesha_in_english).post(reverse("outcomes:answer", args=[item.pk]), data)
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_check_in_stopped_meanwhile_is_refused_clearly_and_the_answers_stay(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    from dilasa.outcomes import access

    item = assigned(ayesha_in_english, therapist_sana, "gad7")
    data = form_data(item, [2] * 7)
    access.stop(user=therapist_sana, assignment_id=item.pk)
    response = signed_in_client(ayesha_in_english).post(reverse("outcomes:answer", args=[item.pk]), data)
    assert response.status_code == 400
    assert "This check-in is closed now. Nothing was saved." in response.content.decode()
    assert not Response.objects.exists()


def test_a_stale_window_is_refused_not_filed_under_the_next_one(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "mood", schedule="every", every_days=1, ends_on=_in_days(5))
    data = form_data(item, [6]) | {"occurrence": "d2020-01-01"}
    response = signed_in_client(ayesha_in_english).post(reverse("outcomes:answer", args=[item.pk]), data)
    assert response.status_code == 400
    assert "This check-in is closed now." in response.content.decode()
    assert not Response.objects.exists()


def test_a_second_answer_to_the_same_window_is_refused(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "gad7")
    answered(item, [0] * 7)
    response = signed_in_client(ayesha_in_english).post(
        reverse("outcomes:answer", args=[item.pk]), form_data(item, [3] * 7)
    )
    assert response.status_code == 400
    assert "You have already answered this check-in." in response.content.decode()
    assert Response.objects.get().total == 0


def test_the_mood_check_in_takes_an_optional_word(ayesha_in_english: User, therapist_sana: User) -> None:
    from dilasa.outcomes.selectors import word_of

    item = assigned(ayesha_in_english, therapist_sana, "mood")
    page = signed_in_client(ayesha_in_english)
    body = page.get(reverse("outcomes:answer", args=[item.pk])).content.decode()
    assert body.count('type="radio"') == 11
    too_long = page.post(reverse("outcomes:answer", args=[item.pk]), form_data(item, [7], word="w" * 81))
    assert too_long.status_code == 400
    assert "w" * 81 in too_long.content.decode(), "what was typed is shown again"
    page.post(reverse("outcomes:answer", args=[item.pk]), form_data(item, [7], word="hopeful"))
    assert word_of(Response.objects.get()) == "hopeful"


def _in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
