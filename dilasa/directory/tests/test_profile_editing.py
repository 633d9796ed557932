"""A therapist writes their own profile: languages with a bio in each, what they help with, and whether to be listed."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.directory.models import ProfileBio, TherapistProfile
from dilasa.directory.testing import give_practice
from dilasa.testing import signed_in_client

URL = "/practice/profile/"


def form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "gender": "woman",
        "languages": ["ur", "en"],
        "bio_ur": "میں آپ کی بات سننے کے لیے حاضر ہوں۔",
        "bio_en": "I am here to listen.",
        "specialities": ["anxiety", "sleep"],
        "approaches": ["cbt"],
        "city": "  Rawalpindi ",
        "province": "punjab",
        "qualifications": "MS Clinical Psychology",
        "published": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def open_page(therapist: User) -> Client:
    client = signed_in_client(therapist)
    assert client.get(reverse("directory:profile_edit")).status_code == 200
    return client


def test_the_profile_lives_at_a_discreet_address() -> None:
    assert reverse("directory:profile_edit") == URL


def test_a_therapist_fills_in_and_publishes_their_profile(therapist_sana: User) -> None:
    client = open_page(therapist_sana)
    response = client.post(URL, form_data())
    assert response.status_code == 302
    profile = TherapistProfile.objects.get(therapist=therapist_sana)
    assert (profile.gender, profile.city, profile.province, profile.published) == (
        "woman",
        "Rawalpindi",
        "punjab",
        True,
    )
    assert sorted(x.code for x in profile.languages.all()) == ["en", "ur"]
    assert sorted(x.slug for x in profile.specialities.all()) == ["anxiety", "sleep"]
    assert [x.slug for x in profile.approaches.all()] == ["cbt"]
    assert dict(profile.bios.values_list("language__code", "text")) == {
        "ur": "میں آپ کی بات سننے کے لیے حاضر ہوں۔",
        "en": "I am here to listen.",
    }


def test_a_newly_ticked_language_gets_a_bio_box(therapist_sana: User) -> None:
    client = open_page(therapist_sana)
    client.post(URL, form_data(published=None, languages=["ur"], bio_en=None))
    assert 'name="bio_sd"' not in client.get(URL).content.decode()
    response = client.post(URL, form_data(published=None, languages=["ur", "sd"], bio_en=None), follow=True)
    html = response.content.decode()
    assert "Add a short bio in each language you ticked." in html
    assert 'name="bio_sd"' in html
    assert 'lang="sd"' in html


def test_listing_yourself_needs_a_bio(therapist_sana: User) -> None:
    client = open_page(therapist_sana)
    response = client.post(URL, form_data(bio_ur="", bio_en="  "))
    assert response.status_code == 200
    assert "Write a short bio in at least one language you speak" in response.content.decode()
    assert not TherapistProfile.objects.filter(therapist=therapist_sana).exists()


def test_listing_yourself_needs_a_language(therapist_sana: User) -> None:
    response = open_page(therapist_sana).post(URL, form_data(languages=[]))
    assert response.status_code == 200
    assert "Choose the languages you hold sessions in." in response.content.decode()


def test_a_bio_has_a_limit(therapist_sana: User) -> None:
    response = open_page(therapist_sana).post(URL, form_data(bio_en="x" * 1201))
    assert response.status_code == 200
    assert "Keep the bio to 1200 characters; it has 1201." in response.content.decode()
    assert not ProfileBio.objects.exists()


def test_emptying_a_bio_removes_it_and_unticking_a_language_keeps_it_hidden(therapist_sana: User) -> None:
    client = open_page(therapist_sana)
    client.post(URL, form_data())
    client.post(URL, form_data(bio_en=""))
    assert list(ProfileBio.objects.values_list("language__code", flat=True)) == ["ur"]
    client.post(URL, form_data(languages=["en"], bio_en="Hello.", bio_ur=None))
    assert sorted(ProfileBio.objects.values_list("language__code", flat=True)) == ["en", "ur"]  # nothing lost
    give_practice(therapist_sana)
    page = Client().get(reverse("directory:therapist", args=[therapist_sana.pk])).content.decode()
    assert "Hello." in page
    assert "میں آپ کی بات" not in page  # she no longer lists Urdu, so its bio is not shown


def test_the_page_says_why_clients_cannot_find_you_yet(therapist_bilal: User) -> None:
    html = open_page(therapist_bilal).get(URL).content.decode()
    assert "Your clinic has not verified you yet." in html
    assert "You have not chosen to be listed." in html
    assert "Your booking terms offer no way to meet yet" in html


def test_booking_terms_are_shown_read_only(therapist_sana: User) -> None:
    give_practice(therapist_sana, fee=2500, modes=("audio",))
    html = open_page(therapist_sana).get(URL).content.decode()
    assert "Rs 2,500 a session" in html
    assert "Voice only" in html
    assert 'name="fee_pkr"' not in html
    assert f'href="{reverse("scheduling:hours")}"' in html


def test_bad_choices_are_refused(therapist_sana: User) -> None:
    response = open_page(therapist_sana).post(URL, form_data(gender="robot", languages=["xx"], province="mars"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"gender", "languages", "province"}
    assert not TherapistProfile.objects.exists()
