"""Break-glass: a clinic admin opens a client's records in an emergency, with a written reason, for an hour."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.selectors import active_emergency_grant
from dilasa.audit.services import emergency_access_open, verify_chain
from dilasa.audit.testing import in_care_of
from dilasa.core.crypto import unseal

pytestmark = pytest.mark.django_db

REASON = "Client wrote that they are unsafe tonight and Dr Sana is unreachable"


@pytest.fixture
def ayesha_at_sukoon(client_ayesha: User, therapist_sana: User) -> User:
    in_care_of(client_ayesha, therapist_sana)
    return client_ayesha


def test_a_grant_with_a_reason_lasts_an_hour(admin_farah: User, ayesha_at_sukoon: User) -> None:
    grant = emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=REASON)
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk) == grant
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk, now=grant.granted_at + timedelta(minutes=59))
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk, now=grant.expires_at) is None
    assert grant.expires_at - grant.granted_at == timedelta(minutes=60)


def test_the_break_glass_event_keeps_the_reason_sealed_in_the_chain(admin_farah: User, ayesha_at_sukoon: User) -> None:
    grant = emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=REASON)
    event = AccessEvent.objects.get(pk=grant.event_id)
    assert (event.action, event.purpose, event.subject_id) == (
        Action.BREAK_GLASS,
        Purpose.EMERGENCY,
        ayesha_at_sukoon.pk,
    )
    assert b"unsafe" not in bytes(event.reason or b"")
    assert unseal(bytes(event.reason or b""), context=f"audit.reason:{event.seq}") == REASON
    assert verify_chain().broken_at is None


@pytest.mark.parametrize("reason", ["", "   ", "because I must", "x" * 19, " " * 30 + "short" + " " * 30])
def test_no_grant_without_a_real_reason(admin_farah: User, ayesha_at_sukoon: User, reason: str) -> None:
    with pytest.raises(ValidationError):
        emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=reason)
    assert AccessEvent.objects.count() == 0
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk) is None


def test_only_for_a_client_of_the_admins_own_clinic(
    admin_omar: User, admin_farah: User, ayesha_at_sukoon: User, client_kamran: User, therapist_sana: User
) -> None:
    with pytest.raises(ValidationError):
        emergency_access_open(admin=admin_omar, client_id=ayesha_at_sukoon.pk, reason=REASON)
    with pytest.raises(ValidationError):  # Kamran is nobody's client at Sukoon
        emergency_access_open(admin=admin_farah, client_id=client_kamran.pk, reason=REASON)
    with pytest.raises(ValidationError):  # a therapist cannot break the glass
        emergency_access_open(admin=therapist_sana, client_id=ayesha_at_sukoon.pk, reason=REASON)
    assert AccessEvent.objects.count() == 0
    assert active_emergency_grant(admin_omar.pk, ayesha_at_sukoon.pk) is None


def test_a_grant_ends_when_its_admin_is_no_longer_an_admin(admin_farah: User, ayesha_at_sukoon: User) -> None:
    emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=REASON)
    admin_farah.is_active = False
    admin_farah.save()
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk) is None
