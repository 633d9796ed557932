"""Asking for erasure closes the account at once; the client can change their mind during the grace period;
after it, the account is erased except what the clinic's retention rule keeps, which goes when the rule
ends. The audit trail stays, and says so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import Organisation, User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.audit.services import verify_chain
from dilasa.consent.models import ConsentEvent, ConsentKind
from dilasa.live.models import ChatMessage, MoodCheckIn, RoomEvent, SessionFeedback, SessionNote
from dilasa.live.testing import appointment_soon
from dilasa.messaging.models import Thread
from dilasa.payments.models import Payment
from dilasa.rights import services
from dilasa.rights.erasure import ERASED_NAME
from dilasa.rights.models import ErasureRequest, ErasureState, RetentionRule
from dilasa.rights.tests.conftest import Story
from dilasa.scheduling.models import Appointment, Status
from dilasa.testing import PASSWORD, signed_in_client

GRACE = timedelta(days=30)


def ask(story: Story) -> ErasureRequest:
    return services.erasure_request(client=story.client)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_asking_closes_the_account_and_signs_out_at_once(
    ayesha_story: Story, therapist_sana: User, on_commit: Any
) -> None:
    browser = signed_in_client(ayesha_story.client)
    upcoming = appointment_soon(ayesha_story.client, therapist_sana, in_minutes=3 * 24 * 60)
    mail.outbox.clear()
    with on_commit():
        response = browser.post(reverse("rights:erase"), {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 200
    assert "Keep my account" in response.content.decode()
    request = ErasureRequest.objects.get(client_id=ayesha_story.client.pk)
    assert request.state == ErasureState.PENDING
    assert request.due_at - request.requested_at == GRACE
    assert not fresh(ayesha_story.client).is_active
    assert browser.get(reverse("rights:mine")).status_code == 302, "signed out"
    assert Appointment.objects.get(pk=upcoming.pk).status == Status.CANCELLED
    sana_notice = [m for m in mail.outbox if m.to == [therapist_sana.login]]
    assert len(sana_notice) == 1
    assert "CANARY" not in sana_notice[0].body
    assert "Ayesha" not in sana_notice[0].body
    event = AccessEvent.objects.filter(subject_id=ayesha_story.client.pk).last()
    assert event is not None
    assert (event.action, event.purpose, event.target) == (
        Action.WRITE,
        Purpose.DATA_RIGHTS,
        f"rights.erasure:{request.pk}",
    )


@pytest.mark.django_db
def test_a_wrong_password_or_no_tick_gives_a_clear_error(ayesha_story: Story) -> None:
    browser = signed_in_client(ayesha_story.client)
    wrong = browser.post(reverse("rights:erase"), {"password": "nope", "understood": "on"})
    assert wrong.status_code == 400
    assert "That password is not right." in wrong.content.decode()
    unticked = browser.post(reverse("rights:erase"), {"password": PASSWORD})
    assert unticked.status_code == 400
    assert "Tick the box to confirm." in unticked.content.decode()
    assert not ErasureRequest.objects.exists()
    assert fresh(ayesha_story.client).is_active


@pytest.mark.django_db
def test_asking_twice_is_refused_clearly(ayesha_story: Story) -> None:
    ask(ayesha_story)
    with pytest.raises(ValidationError, match="already asked"):
        ask(ayesha_story)
    assert ErasureRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_link_in_the_notice_lets_them_change_their_mind(ayesha_story: Story, on_commit: Any) -> None:
    mail.outbox.clear()
    with on_commit():
        request = ask(ayesha_story)
    link = next(m for m in mail.outbox if m.to == [ayesha_story.client.login]).body.split()[-1]
    path = link.removeprefix("http://127.0.0.1:8000")
    assert path == services.cancel_url(request)
    browser = signed_in_client(ayesha_story.client)
    wrong = browser.post(path, {"password": "nope"})
    assert wrong.status_code == 400
    assert "That password is not right." in wrong.content.decode()
    assert browser.post(path, {"password": PASSWORD}).status_code == 302
    assert fresh(ayesha_story.client).is_active
    assert ErasureRequest.objects.get(pk=request.pk).state == ErasureState.CANCELLED
    assert browser.get(path).status_code == 404, "the link works once"
    assert services.erasure_run_due(now=request.due_at + timedelta(days=1)).erased == 0
    assert fresh(ayesha_story.client).display_name == "Ayesha CANARY-A-NAME"


@pytest.mark.django_db
def test_nothing_is_erased_before_the_grace_period_ends(ayesha_story: Story) -> None:
    request = ask(ayesha_story)
    assert services.erasure_run_due(now=request.due_at - timedelta(seconds=1)).erased == 0
    assert ChatMessage.objects.filter(room=ayesha_story.room).exists()


@pytest.mark.django_db
def test_after_the_grace_period_identity_and_personal_content_go(ayesha_story: Story, kamran_story: Story) -> None:
    request = ask(ayesha_story)
    assert services.erasure_run_due(now=request.due_at + timedelta(seconds=1)).erased == 1
    ayesha = fresh(ayesha_story.client)
    assert ayesha.display_name == ERASED_NAME
    assert "CANARY" not in ayesha.login
    assert "@" not in ayesha.login
    assert not ayesha.has_usable_password()
    room = ayesha_story.room
    for model in (ChatMessage, MoodCheckIn, SessionFeedback):
        assert not model.objects.filter(room=room).exists(), model.__name__
    assert not Thread.objects.filter(client=ayesha).exists()
    assert not ConsentEvent.objects.filter(client=ayesha, kind=ConsentKind.SUPERVISION).exists()
    # Kamran is untouched.
    assert ChatMessage.objects.filter(room=kamran_story.room).exists()
    assert Thread.objects.filter(client=kamran_story.client).exists()
    assert fresh(kamran_story.client).display_name == "Kamran CANARY-K-NAME"


@pytest.mark.django_db
def test_retention_keeps_clinical_and_payment_records_without_identity(ayesha_story: Story) -> None:
    request = ask(ayesha_story)
    now = request.due_at + timedelta(seconds=1)
    services.erasure_run_due(now=now)
    request.refresh_from_db()
    assert request.state == ErasureState.RETAINING
    # The clinic's default rule (7 years clinical, 6 financial) keeps the sealed records, under an anonymous id.
    assert SessionNote.objects.filter(room=ayesha_story.room).exists()
    assert RoomEvent.objects.filter(room=ayesha_story.room).exists()
    assert Appointment.objects.filter(pk=ayesha_story.appointment.pk).exists()
    assert Payment.objects.filter(payer_id=ayesha_story.client.pk).exists()
    assert ConsentEvent.objects.filter(client_id=ayesha_story.client.pk, kind=ConsentKind.TELECOUNSELLING).exists()
    assert fresh(ayesha_story.client).display_name == ERASED_NAME

    after_payments = ayesha_story.appointment.ends_at + timedelta(days=365 * 6 + 2)
    services.erasure_run_due(now=after_payments)
    assert not Payment.objects.filter(payer_id=ayesha_story.client.pk).exists()
    assert SessionNote.objects.filter(room=ayesha_story.room).exists(), "clinical records still kept"

    after_all = ayesha_story.appointment.ends_at + timedelta(days=365 * 7 + 2)
    assert services.erasure_run_due(now=after_all).released == 1
    assert not SessionNote.objects.filter(room=ayesha_story.room).exists()
    assert not Appointment.objects.filter(client_id=ayesha_story.client.pk).exists()
    assert not ConsentEvent.objects.filter(client_id=ayesha_story.client.pk).exists()
    request.refresh_from_db()
    assert request.state == ErasureState.DONE


@pytest.mark.django_db
def test_a_clinic_that_keeps_nothing_loses_everything_at_once(ayesha_story: Story, clinic_sukoon: Organisation) -> None:
    RetentionRule.objects.create(organisation=clinic_sukoon, clinical_years=0, financial_years=0)
    request = ask(ayesha_story)
    services.erasure_run_due(now=request.due_at + timedelta(seconds=1))
    request.refresh_from_db()
    assert request.state == ErasureState.DONE
    assert not Appointment.objects.filter(client_id=ayesha_story.client.pk).exists()
    assert not Payment.objects.filter(payer_id=ayesha_story.client.pk).exists()
    assert not SessionNote.objects.filter(room_id=ayesha_story.room.pk).exists()


@pytest.mark.django_db
def test_the_audit_trail_is_kept_and_records_the_erasure(ayesha_story: Story) -> None:
    before = AccessEvent.objects.filter(subject_id=ayesha_story.client.pk).count()
    request = ask(ayesha_story)
    services.erasure_run_due(now=request.due_at + timedelta(seconds=1))
    events = AccessEvent.objects.filter(subject_id=ayesha_story.client.pk)
    assert events.count() == before + 2
    assert events.last().action == Action.ERASE
    assert verify_chain().broken_at is None


@pytest.mark.django_db
def test_the_sweep_command_erases_what_is_due(ayesha_story: Story) -> None:
    from django.core.management import call_command

    request = ask(ayesha_story)
    ErasureRequest.objects.filter(pk=request.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    call_command("erase_due_accounts", verbosity=0)
    assert fresh(ayesha_story.client).display_name == ERASED_NAME


@pytest.mark.django_db
def test_the_self_report_goes_at_once_and_flags_and_check_ins_go_with_the_clinical_records(
    ayesha_story: Story, clinic_sukoon: Organisation
) -> None:
    from dilasa.live.models import AboutMe
    from dilasa.live.services import about_me_save
    from dilasa.safety.models import Flag
    from dilasa.safety.services import raise_flag

    about_me_save(client=ayesha_story.client, age_band="25_34", tech_comfort="comfortable")
    raise_flag(client=ayesha_story.client, source="help_button")
    request = ask(ayesha_story)
    services.erasure_run_due(now=request.due_at + timedelta(seconds=1))
    assert not AboutMe.objects.filter(client_id=ayesha_story.client.pk).exists(), "personal: goes at once"
    assert Flag.objects.filter(client_id=ayesha_story.client.pk).exists(), "clinical: kept by the clinic's rule"

    after_all = ayesha_story.appointment.ends_at + timedelta(days=365 * 7 + 2)
    services.erasure_run_due(now=after_all)
    assert not Flag.objects.filter(client_id=ayesha_story.client.pk).exists()


def test_every_app_that_erases_something_of_the_client_is_called_with_the_clinical_records() -> None:
    """Each app with an erasure.py is in the list erase_clinical walks, so a new app cannot be forgotten."""
    from pathlib import Path

    from dilasa.rights import erasure

    erasing = {p.parent.name for p in Path(erasure.__file__).resolve().parents[1].glob("*/erasure.py")} - {"rights"}
    assert erasing == set(erasure.CLINICAL_APPS)
