"""Break-glass: a clinic admin opens a client's records in an emergency, with a written reason, for an hour."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.selectors import active_emergency_grant
from dilasa.audit.services import emergency_access_open, verify_chain
from dilasa.audit.testing import in_care_of
from dilasa.core.crypto import unseal
from dilasa.testing import signed_in_client

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


# --- through the pages ------------------------------------------------------------------------------------

EMERGENCY = reverse("audit:emergency")


def test_the_admin_breaks_the_glass_and_the_therapist_is_told_neutrally(
    admin_farah: User, ayesha_at_sukoon: User, therapist_sana: User, on_commit: Any
) -> None:
    therapist_sana.language = "en"
    therapist_sana.save()
    page = signed_in_client(admin_farah)
    assert page.get(EMERGENCY).status_code == 200
    with on_commit():
        answer = page.post(EMERGENCY, {"client": ayesha_at_sukoon.pk, "reason": REASON})
    assert answer.status_code == 302
    grant = active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk)
    assert grant is not None
    assert "Ayesha" in page.get(EMERGENCY).content.decode()  # listed as open now
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["sana@example.com"]
    text = f"{notice.subject}\n{notice.body}"
    assert "Farah" in text
    assert reverse("audit:entry", args=[grant.event.seq]) in notice.body
    for sensitive in ("Ayesha", "unsafe", "Dr Sana is unreachable", "records", "mood", "note", "therapy"):
        assert sensitive not in text


def test_the_therapist_reads_the_entry_and_the_reading_is_recorded(
    admin_farah: User, ayesha_at_sukoon: User, therapist_sana: User, therapist_bilal: User
) -> None:
    grant = emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=REASON)
    url = reverse("audit:entry", args=[grant.event.seq])
    page = signed_in_client(therapist_sana).get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "unsafe tonight" in page.content.decode()
    last = AccessEvent.objects.order_by("seq").last()
    assert last is not None
    assert (last.actor_id, last.action, last.target) == (
        therapist_sana.pk,
        Action.READ,
        f"audit.reason:{grant.event.seq}",
    )
    assert signed_in_client(therapist_bilal).get(url).status_code == 404  # not in Bilal's care
    assert verify_chain().broken_at is None


@pytest.mark.parametrize("reason", ["", "too short to say"])
def test_the_page_refuses_a_missing_or_short_reason(admin_farah: User, ayesha_at_sukoon: User, reason: str) -> None:
    answer = signed_in_client(admin_farah).post(EMERGENCY, {"client": ayesha_at_sukoon.pk, "reason": reason})
    assert answer.status_code == 400
    assert active_emergency_grant(admin_farah.pk, ayesha_at_sukoon.pk) is None
    assert not AccessEvent.objects.exists()


def test_another_clinics_admin_cannot_choose_sukoons_client(admin_omar: User, ayesha_at_sukoon: User) -> None:
    page = signed_in_client(admin_omar)
    assert "Ayesha" not in page.get(EMERGENCY).content.decode()
    answer = page.post(EMERGENCY, {"client": ayesha_at_sukoon.pk, "reason": REASON})
    assert answer.status_code == 400
    assert not AccessEvent.objects.exists()


def test_the_client_sees_the_emergency_access_on_their_page(admin_farah: User, ayesha_at_sukoon: User) -> None:
    ayesha_at_sukoon.language = "en"
    ayesha_at_sukoon.save()
    emergency_access_open(admin=admin_farah, client_id=ayesha_at_sukoon.pk, reason=REASON)
    html = signed_in_client(ayesha_at_sukoon).get(reverse("audit:my_access")).content.decode()
    assert "Farah" in html
    assert "Clinic administrator" in html
    assert "opened in an emergency: all your records" in html
    assert "Why: emergency access" in html
    assert "unsafe" not in html  # the reason stays with the clinic and the care team
