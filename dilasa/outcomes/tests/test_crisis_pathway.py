"""A PHQ-9 with item 9 above 0 shows the client the help page at once and raises a flag to their therapist;
a high total alone shows no crisis page but is marked for the therapist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.outcomes.models import Response
from dilasa.outcomes.testing import answered, assigned, form_data
from dilasa.safety.models import Flag
from dilasa.safety.selectors import open_flag_count
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_item_9_above_zero_shows_help_at_once_and_flags_the_therapist(
    ayesha_in_english: User, therapist_sana: User, item9: int
) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    page = signed_in_client(ayesha_in_english)
    response = page.post(reverse("outcomes:answer", args=[item.pk]), form_data(item, [0] * 8 + [item9]))
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:crisis")
    help_page = page.get(response["Location"]).content.decode()
    assert "Your therapist has been told." in help_page
    assert "tel:1122" in help_page
    flag = Flag.objects.get()
    assert (flag.client_id, flag.source) == (ayesha_in_english.pk, "phq9_item9")
    assert open_flag_count(user=therapist_sana) == 1
    assert Response.objects.get().total == item9


def test_a_double_submit_of_a_crisis_answer_raises_one_flag(ayesha_in_english: User, therapist_sana: User) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    page = signed_in_client(ayesha_in_english)
    data = form_data(item, [1] * 9)
    for _ in range(2):
        assert page.post(reverse("outcomes:answer", args=[item.pk]), data)["Location"] == reverse("safety:crisis")
    assert Flag.objects.count() == 1
    assert Response.objects.count() == 1


def test_item_9_at_zero_with_the_highest_total_shows_no_crisis_page_and_raises_no_flag(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    page = signed_in_client(ayesha_in_english)
    response = page.post(reverse("outcomes:answer", args=[item.pk]), form_data(item, [3] * 8 + [0]))
    assert response["Location"] == reverse("outcomes:mine")
    assert not Flag.objects.exists()


def test_gad7_at_its_highest_raises_no_flag(ayesha_in_english: User, therapist_sana: User) -> None:
    answered(assigned(ayesha_in_english, therapist_sana, "gad7"), [3] * 7)
    assert not Flag.objects.exists()


def test_the_therapist_sees_the_band_and_what_needs_attention(ayesha_in_english: User, therapist_sana: User) -> None:
    therapist_sana.language = "en"
    therapist_sana.save()
    answered(assigned(ayesha_in_english, therapist_sana, "phq9"), [3] * 8 + [0])
    answered(assigned(ayesha_in_english, therapist_sana, "gad7"), [1] * 7)
    answered(assigned(ayesha_in_english, therapist_sana, "phq9"), [0] * 8 + [1])
    page = signed_in_client(therapist_sana)
    overview = page.get(reverse("outcomes:mine")).content.decode()
    assert "PHQ-9 24 (severe)" in overview
    assert "item 9 above 0" in overview
    assert "GAD-7" not in overview, "a mild score does not need attention"
    folder = page.get(reverse("outcomes:client", args=[ayesha_in_english.pk])).content.decode()
    assert "severe" in folder
    assert "needs attention" in folder
    assert "item 9 answered 1" in folder
