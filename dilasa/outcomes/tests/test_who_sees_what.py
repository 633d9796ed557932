"""Who may assign, answer and read whose measures; every read and write of answers is on the access trail;
missing and forbidden answer alike (404)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.outcomes import access
from dilasa.outcomes.testing import answered, assigned, form_data
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def events(**filters: object) -> list[tuple[str, str, str]]:
    rows = AccessEvent.objects.filter(target__startswith="outcomes.", **filters).order_by("seq")
    return [(e.action, e.purpose, e.target.split(":")[0]) for e in rows]


def test_a_therapist_assigns_only_to_a_client_in_their_care(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    assigned(client_ayesha, therapist_sana)
    with pytest.raises(Http404):
        access.assign(user=therapist_sana, client_id=client_kamran.pk, instrument="phq9", schedule="once")
    response = signed_in_client(therapist_sana).post(
        reverse("outcomes:client", args=[client_kamran.pk]), {"instrument": "phq9", "schedule": "once"}
    )
    assert response.status_code == 404


def test_an_unverified_therapist_and_clinic_admins_cannot_assign_or_read(
    client_ayesha: User, therapist_sana: User, therapist_bilal: User, admin_farah: User, admin_omar: User
) -> None:
    from dilasa.messaging.testing import put_in_care

    assigned(client_ayesha, therapist_sana)
    put_in_care(client_ayesha, therapist_bilal)
    for user in (therapist_bilal, admin_farah, admin_omar):
        page = signed_in_client(user)
        assert page.get(reverse("outcomes:client", args=[client_ayesha.pk])).status_code == 404
        with pytest.raises(Http404):
            access.assign(user=user, client_id=client_ayesha.pk, instrument="phq9", schedule="once")


def test_another_therapist_of_the_same_client_does_not_read_these_answers(
    client_ayesha: User, therapist_sana: User, clinic_sukoon: object
) -> None:
    other = make_user("hina@example.com", display_name="Dr Hina", role="therapist", organisation=clinic_sukoon)
    answered(assigned(client_ayesha, therapist_sana, "gad7"), [2] * 7)
    assigned(client_ayesha, other, "mood")
    found = access.open_client(user=other, client_id=client_ayesha.pk)
    assert found.points == {}
    assert [a.instrument for a in found.assignments] == ["mood"]


def test_only_the_client_answers_their_own_check_in(
    client_ayesha: User, client_kamran: User, therapist_sana: User
) -> None:
    item = assigned(client_ayesha, therapist_sana)
    for user in (client_kamran, therapist_sana):
        page = signed_in_client(user)
        assert page.get(reverse("outcomes:answer", args=[item.pk])).status_code == 404
        assert page.post(reverse("outcomes:answer", args=[item.pk]), form_data(item, [0] * 9)).status_code == 404
    assert signed_in_client(client_ayesha).get(reverse("outcomes:answer", args=[item.pk + 1000])).status_code == 404


def test_only_the_assigning_therapist_stops_it(
    client_ayesha: User, therapist_sana: User, clinic_sukoon: object
) -> None:
    item = assigned(client_ayesha, therapist_sana)
    other = make_user("hina@example.com", display_name="Dr Hina", role="therapist", organisation=clinic_sukoon)
    assigned(client_ayesha, other)
    assert signed_in_client(other).post(reverse("outcomes:stop", args=[item.pk])).status_code == 404
    assert signed_in_client(client_ayesha).post(reverse("outcomes:stop", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.stopped_at is None
    assert signed_in_client(therapist_sana).post(reverse("outcomes:stop", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.stopped_at is not None


def test_every_write_and_read_of_answers_is_audited_with_its_purpose(client_ayesha: User, therapist_sana: User) -> None:
    item = assigned(client_ayesha, therapist_sana, "gad7")
    answered(item, [1] * 7)
    access.open_progress(user=client_ayesha)
    access.open_client(user=therapist_sana, client_id=client_ayesha.pk)
    access.needing_attention(user=therapist_sana)
    access.stop(user=therapist_sana, assignment_id=item.pk)
    assert events(subject_id=client_ayesha.pk) == [
        (Action.WRITE, Purpose.CARE, "outcomes.assignment"),
        (Action.WRITE, Purpose.OWN, "outcomes.response"),
        (Action.READ, Purpose.OWN, "outcomes.client"),
        (Action.READ, Purpose.CARE, "outcomes.client"),
        (Action.READ, Purpose.CARE, "outcomes.client"),
        (Action.WRITE, Purpose.CARE, "outcomes.assignment"),
    ]


def test_a_double_submit_writes_one_audit_event(client_ayesha: User, therapist_sana: User) -> None:
    item = assigned(client_ayesha, therapist_sana, "gad7")
    page = signed_in_client(client_ayesha)
    data = form_data(item, [1] * 7)
    page.post(reverse("outcomes:answer", args=[item.pk]), data)
    page.post(reverse("outcomes:answer", args=[item.pk]), data)
    assert events(action=Action.WRITE, purpose=Purpose.OWN) == [(Action.WRITE, Purpose.OWN, "outcomes.response")]


def test_pages_are_no_store_and_say_nothing_clinical_in_address_or_title(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    import re

    item = assigned(ayesha_in_english, therapist_sana, "phq9")
    answered(item, [1] * 8 + [0])
    visits = [
        (ayesha_in_english, reverse("outcomes:mine")),
        (ayesha_in_english, reverse("outcomes:answer", args=[item.pk])),
        (ayesha_in_english, reverse("outcomes:progress")),
        (therapist_sana, reverse("outcomes:mine")),
        (therapist_sana, reverse("outcomes:client", args=[ayesha_in_english.pk])),
    ]
    for user, url in visits:
        response = signed_in_client(user).get(url)
        assert "no-store" in response["Cache-Control"], url
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
        assert title is not None
        for word in ("phq", "gad", "depress", "anxi", "suicid", "mood", "outcome"):
            assert word not in url.lower(), (url, word)
            assert word not in title.group(1).lower(), (url, word)
