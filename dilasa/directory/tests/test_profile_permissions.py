"""Only a therapist edits a profile, and only their own; nobody else reaches an unlisted therapist."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.directory.models import TherapistProfile
from dilasa.directory.services import profile_set_photo
from dilasa.directory.testing import PNG, give_practice, give_profile
from dilasa.testing import signed_in_client

PAGES = ("directory:profile_edit", "directory:profile_preview")


@pytest.mark.parametrize("page", PAGES)
def test_visitors_are_asked_to_sign_in(page: str, db: None) -> None:
    response = Client().get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", ["client_ayesha", "admin_farah"])
def test_clients_and_admins_are_refused(page: str, persona: str, request: pytest.FixtureRequest) -> None:
    client = signed_in_client(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == 403
    assert client.post(reverse("directory:profile_edit"), {"gender": "man"}).status_code == 403
    assert not TherapistProfile.objects.exists()


def test_a_therapist_can_only_ever_change_their_own_profile(sana_listed: User, therapist_bilal: User) -> None:
    before = TherapistProfile.objects.get(therapist=sana_listed).updated_at
    client = signed_in_client(therapist_bilal)
    response = client.post(
        reverse("directory:profile_edit"),
        {"therapist": sana_listed.pk, "therapist_id": sana_listed.pk, "gender": "man", "languages": ["sd"]},
    )
    assert response.status_code == 302
    assert TherapistProfile.objects.get(therapist=therapist_bilal).gender == "man"
    assert TherapistProfile.objects.get(therapist=sana_listed).updated_at == before


def test_another_therapist_gets_not_found_for_an_unlisted_profile(therapist_sana: User, therapist_bilal: User) -> None:
    give_profile(therapist_bilal, published=False)
    give_practice(therapist_bilal)
    profile_set_photo(therapist=therapist_bilal, data=PNG)
    sana = signed_in_client(therapist_sana)
    assert sana.get(reverse("directory:therapist", args=[therapist_bilal.pk])).status_code == 404
    assert sana.get(reverse("directory:photo", args=[therapist_bilal.pk])).status_code == 404
    bilal = signed_in_client(therapist_bilal)
    assert bilal.get(reverse("directory:photo", args=[therapist_bilal.pk])).status_code == 200
    assert bilal.get(reverse("directory:therapist", args=[therapist_bilal.pk])).status_code == 404


def test_an_unlisted_therapist_previews_their_own_profile(therapist_bilal: User) -> None:
    give_profile(therapist_bilal, languages=("sd",), bios={"sd": "آئون توهان جي ڳالهه ٻڌڻ لاءِ حاضر آهيان."})
    response = signed_in_client(therapist_bilal).get(reverse("directory:profile_preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is how clients see your profile." in html
    assert "Your clinic has not verified you yet." in html
    assert "آئون توهان جي" in html
    assert "Book a session" not in html


def test_preview_before_any_profile_leads_to_the_form(therapist_sana: User) -> None:
    response = signed_in_client(therapist_sana).get(reverse("directory:profile_preview"))
    assert response.url == reverse("directory:profile_edit")
