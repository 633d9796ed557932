"""One command seeds a demo clinic a newcomer can sign in to, two-step included; twice is the same as once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from dilasa.accounts import demo
from dilasa.accounts.models import Organisation, Role, User


def seed(**options: object) -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_seeding_twice_gives_one_clinic_one_admin_two_therapists_and_three_clients() -> None:
    seed()
    seed()
    assert Organisation.objects.count() == 1
    counts = {role: User.objects.filter(role=role).count() for role in Role}
    assert counts == {Role.CLINIC_ADMIN: 1, Role.THERAPIST: 2, Role.CLIENT: 3}
    assert User.objects.filter(role=Role.THERAPIST, clinic_verified_at__isnull=False).count() == 2
    assert len({u.language for u in User.objects.filter(role=Role.THERAPIST)}) == 2


@pytest.mark.django_db
def test_the_printed_logins_work_for_every_role_two_step_included() -> None:
    printed = seed()
    assert demo.DEMO_PASSWORD in printed
    for person in demo.PEOPLE:
        assert person.login in printed
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": person.login, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, person.key
        if person.role != Role.CLIENT:
            assert response.url == reverse("accounts:two_factor_verify")
            code = demo.current_code(person.login)
            assert client.post(response.url, {"code": code}).url == reverse("accounts:home")
        assert client.get(reverse("accounts:home"), follow=True).status_code == 200


@pytest.mark.django_db
def test_demo_therapists_take_bookings_at_once() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from dilasa.scheduling.slots import open_slots

    seed()
    now = timezone.now()
    for therapist in User.objects.filter(role=Role.THERAPIST):
        assert open_slots(therapist_id=therapist.pk, start=now, end=now + timedelta(days=7)), therapist


@pytest.mark.django_db
def test_a_printed_recovery_code_also_works() -> None:
    printed = seed()
    person = next(p for p in demo.PEOPLE if p.role == Role.THERAPIST)
    code = demo.demo_recovery_codes(person.key)[0]
    assert code in printed
    client = Client()
    client.post(reverse("accounts:login"), {"username": person.login, "password": demo.DEMO_PASSWORD})
    assert client.post(reverse("accounts:two_factor_verify"), {"code": code}).url == reverse("accounts:home")


@pytest.mark.django_db
def test_demo_accounts_are_refused_when_debug_is_off(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
