"""The demo therapists get warm, published profiles; with booking terms they are listed."""

from __future__ import annotations

import pytest
from django.utils import translation

from dilasa.accounts import demo as accounts_demo
from dilasa.accounts.models import User
from dilasa.directory.demo import seed_profiles
from dilasa.directory.models import ProfileBio, TherapistProfile
from dilasa.directory.selectors import listed_therapists
from dilasa.directory.testing import give_practice

pytestmark = pytest.mark.django_db


def test_sana_and_bilal_get_published_profiles_with_bios() -> None:
    accounts_demo.seed()
    with translation.override("en"):
        seed_profiles()
    sana = TherapistProfile.objects.get(therapist__login="sana@dilasa.example")
    bilal = TherapistProfile.objects.get(therapist__login="bilal@dilasa.example")
    assert (sana.gender, sana.city, sana.province, sana.published) == ("woman", "Rawalpindi", "punjab", True)
    assert (bilal.gender, bilal.city, bilal.province, bilal.published) == ("man", "Hyderabad", "sindh", True)
    assert {x.code for x in sana.languages.all()} == {"ur", "pnb", "en"}
    assert {x.code for x in bilal.languages.all()} == {"sd", "ur", "en"}
    assert set(sana.bios.values_list("language__code", flat=True)) == {"en", "ur"}
    assert set(bilal.bios.values_list("language__code", flat=True)) == {"en", "ur", "sd"}
    assert all(len(bio.text) <= 1200 for bio in ProfileBio.objects.all())


def test_seeding_twice_changes_nothing_more() -> None:
    accounts_demo.seed()
    seed_profiles()
    seed_profiles()
    assert TherapistProfile.objects.count() == 2
    assert ProfileBio.objects.count() == 5


def test_with_booking_terms_they_are_listed() -> None:
    accounts_demo.seed()
    seed_profiles()
    for therapist in User.objects.filter(role="therapist"):
        give_practice(therapist)
    assert set(listed_therapists().values_list("login", flat=True)) == {"sana@dilasa.example", "bilal@dilasa.example"}


def test_without_the_demo_people_it_does_nothing() -> None:
    assert seed_profiles() == []
