"""A therapist appears in the directory only when verified, active, listed by choice and offering a way to meet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.directory.models import TherapistProfile
from dilasa.directory.selectors import listed_therapists, listing_gaps
from dilasa.directory.testing import give_practice, give_profile
from dilasa.scheduling.models import PracticeSettings
from dilasa.testing import make_user

NOT_LISTED: dict[str, Callable[[User], object]] = {
    "not verified by the clinic": lambda t: User.objects.filter(pk=t.pk).update(clinic_verified_at=None),
    "chose not to be listed": lambda t: TherapistProfile.objects.filter(therapist=t).update(published=False),
    "account deactivated": lambda t: User.objects.filter(pk=t.pk).update(is_active=False),
    "no profile": lambda t: TherapistProfile.objects.filter(therapist=t).delete(),
    "no booking terms": lambda t: PracticeSettings.objects.filter(therapist=t).delete(),
    "no way to meet": lambda t: PracticeSettings.objects.filter(therapist=t).update(
        offers_video=False, offers_audio=False, offers_text=False, offers_in_person=False
    ),
}


def names_found(client: Client) -> str:
    search = client.get(reverse("directory:search")).content.decode()
    match = client.post(reverse("directory:match"), {}).content.decode()
    return search + match


def test_a_complete_therapist_is_listed_everywhere(sana_listed: User) -> None:
    client = Client()
    assert "Dr Sana" in names_found(client)
    assert client.get(reverse("directory:therapist", args=[sana_listed.pk])).status_code == 200
    assert listing_gaps(therapist=sana_listed) == []


@pytest.mark.parametrize("reason", NOT_LISTED)
def test_an_unlisted_therapist_is_nowhere(reason: str, sana_listed: User, zubair_listed: User) -> None:
    NOT_LISTED[reason](sana_listed)
    client = Client()
    found = names_found(client)
    assert "Dr Sana" not in found
    assert "Zubair" in found
    assert client.get(reverse("directory:therapist", args=[sana_listed.pk])).status_code == 404
    assert not listed_therapists().filter(pk=sana_listed.pk).exists()
    sana_listed.refresh_from_db()
    assert listing_gaps(therapist=sana_listed), "the therapist is told why"


def test_an_unverified_therapist_with_everything_else_is_not_listed(therapist_bilal: User) -> None:
    give_profile(therapist_bilal, languages=("sd",))
    give_practice(therapist_bilal)
    assert therapist_bilal not in listed_therapists()
    assert listing_gaps(therapist=therapist_bilal) == ["Your clinic has not verified you yet."]


def test_a_client_is_never_listed_even_with_a_profile(db: None) -> None:
    odd = make_user("odd@example.com", display_name="Odd")
    give_profile(odd)
    PracticeSettings.objects.create(therapist=odd)
    assert odd not in listed_therapists()
    assert listing_gaps(therapist=odd)


def test_a_missing_therapist_is_not_found(db: None) -> None:
    assert Client().get(reverse("directory:therapist", args=[999_999])).status_code == 404
