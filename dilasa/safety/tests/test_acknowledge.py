"""Open flags are shown to the people they are for, prominently, and stay open until one of them says what
they did. Anyone else gets "not found", and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.core.crypto import unseal
from dilasa.safety.models import Flag, FlagAction
from dilasa.safety.services import note_context, raise_flag
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(ayesha: User) -> Flag:
    return raise_flag(client=ayesha, source="help_button", raised_by=ayesha)


def events(flag: Flag, actor: User) -> list[tuple[str, str]]:
    found = AccessEvent.objects.filter(target=f"safety.flag:{flag.pk}", actor=actor).order_by("seq")
    return [(e.action, e.purpose) for e in found]


def test_the_therapist_sees_the_count_on_every_page_and_the_flag_in_the_list(flag: Flag, therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    home = browser.get(reverse("accounts:home")).content.decode()
    listing = browser.get(reverse("safety:flags")).content.decode()

    assert "1 request needs your attention" in home
    assert f'href="{reverse("safety:flags")}"' in home
    assert reverse("safety:flag", args=[flag.pk]) in listing
    assert "Ayesha" in listing
    assert events(flag, therapist_sana) == [(Action.READ, Purpose.CARE)]  # the list is a read, recorded once
    browser.get(reverse("safety:flags"))
    assert events(flag, therapist_sana) == [(Action.READ, Purpose.CARE)]


def test_the_admin_sees_it_too_for_administration(flag: Flag, admin_farah: User) -> None:
    page = signed_in_client(admin_farah).get(reverse("safety:flag", args=[flag.pk]))

    assert page.status_code == 200
    assert page["Cache-Control"].count("no-store") == 1
    assert events(flag, admin_farah) == [(Action.READ, Purpose.ADMINISTRATION)]


def test_acknowledging_closes_it_with_a_sealed_note_and_is_recorded(flag: Flag, therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    url = reverse("safety:flag", args=[flag.pk])
    done = browser.post(url, {"action": FlagAction.SPOKE, "note": "Called her; safe with her sister tonight."})

    assert done.status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_by == therapist_sana
    assert flag.action == FlagAction.SPOKE
    sealed = bytes(flag.note or b"")
    assert b"sister" not in sealed
    assert unseal(sealed, context=note_context(flag.pk, flag.client_id)) == "Called her; safe with her sister tonight."
    assert (Action.WRITE, Purpose.CARE) in events(flag, therapist_sana)
    home = browser.get(reverse("accounts:home")).content.decode()
    assert "request needs your attention" not in home
    assert "Nothing needs your attention" in home
    shown = browser.get(url).content.decode()
    assert "safe with her sister tonight" in shown


def test_acknowledging_twice_is_refused_clearly_and_keeps_the_first(
    flag: Flag, therapist_sana: User, admin_farah: User
) -> None:
    signed_in_client(therapist_sana).post(reverse("safety:flag", args=[flag.pk]), {"action": FlagAction.SPOKE})
    second = signed_in_client(admin_farah).post(
        reverse("safety:flag", args=[flag.pk]), {"action": FlagAction.MESSAGED, "note": "late"}
    )

    assert second.status_code == 400
    assert "already acknowledged" in second.content.decode()
    flag.refresh_from_db()
    assert (flag.acknowledged_by, flag.action, flag.note) == (therapist_sana, FlagAction.SPOKE, None)
    assert (Action.WRITE, Purpose.ADMINISTRATION) not in events(flag, admin_farah)


def test_bad_input_is_refused_and_keeps_what_was_typed(flag: Flag, therapist_sana: User) -> None:
    browser = signed_in_client(therapist_sana)
    url = reverse("safety:flag", args=[flag.pk])
    no_action = browser.post(url, {"note": "tried twice"})
    other_without_note = browser.post(url, {"action": FlagAction.OTHER})
    made_up = browser.post(url, {"action": "ignored_it"})

    assert (no_action.status_code, other_without_note.status_code, made_up.status_code) == (400, 400, 400)
    assert "tried twice" in no_action.content.decode()
    assert "Say in the note what you did." in other_without_note.content.decode()
    flag.refresh_from_db()
    assert flag.is_open


@pytest.mark.parametrize("outsider", ["therapist_bilal", "therapist_nadia", "admin_omar", "client_kamran"])
def test_anyone_else_gets_not_found_and_changes_nothing(
    flag: Flag, outsider: str, request: pytest.FixtureRequest
) -> None:
    person: User = request.getfixturevalue(outsider)
    browser = signed_in_client(person)
    url = reverse("safety:flag", args=[flag.pk])

    looked = browser.get(url)
    tried = browser.post(url, {"action": FlagAction.SPOKE})
    listing = browser.get(reverse("safety:flags"))

    if person.is_client:
        assert (looked.status_code, tried.status_code, listing.status_code) == (403, 403, 403)
    else:
        assert (looked.status_code, tried.status_code) == (404, 404)
        assert "Ayesha" not in listing.content.decode()
    flag.refresh_from_db()
    assert flag.is_open
    assert not AccessEvent.objects.filter(actor=person).exists()


def test_a_flag_that_does_not_exist_is_not_found_like_someone_elses(therapist_sana: User) -> None:
    assert signed_in_client(therapist_sana).get(reverse("safety:flag", args=[999999])).status_code == 404


def test_signed_out_goes_to_sign_in(flag: Flag) -> None:
    from django.test import Client

    answer = Client().get(reverse("safety:flag", args=[flag.pk]))
    assert answer.status_code == 302
    assert reverse("accounts:login") in answer["Location"]
