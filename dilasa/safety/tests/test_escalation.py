"""A flag nobody acknowledges is not forgotten: every 30 minutes the on-call admins are told again, and from
the second reminder every admin of the clinic. The sweep runs as `manage.py escalate_flags --every 60`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dilasa.accounts.models import Organisation, User
from dilasa.audit.models import AccessEvent
from dilasa.safety.models import Flag, FlagAction
from dilasa.safety.services import escalate_due_flags, flag_acknowledge, on_call_set, raise_flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(ayesha: User, therapist_sana: User, admin_farah: User, admin_zara: User, clinic_sukoon: Organisation) -> Flag:
    on_call_set(organisation=clinic_sukoon, admin=admin_zara, chosen_by=admin_farah)
    raised = raise_flag(client=ayesha, source="help_button", raised_by=ayesha)
    mail.outbox = []
    return raised


def told() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_nothing_happens_before_thirty_minutes(flag: Flag, on_commit) -> None:
    with on_commit():
        assert escalate_due_flags(now=timezone.now() + timedelta(minutes=29)) == 0
    assert not mail.outbox


def test_after_thirty_minutes_the_care_team_and_on_call_are_told_again(
    flag: Flag, therapist_sana: User, admin_zara: User, on_commit
) -> None:
    with on_commit():
        assert escalate_due_flags(now=timezone.now() + timedelta(minutes=31)) == 1

    assert told() == sorted([therapist_sana.login, admin_zara.login])
    flag.refresh_from_db()
    assert flag.escalations == 1
    assert AccessEvent.objects.filter(target=f"safety.escalation:{flag.pk}", actor=None).count() == 1


def test_the_second_reminder_goes_to_every_admin_of_the_clinic(
    flag: Flag, therapist_sana: User, admin_farah: User, admin_zara: User, admin_omar: User, on_commit
) -> None:
    start = timezone.now()
    escalate_due_flags(now=start + timedelta(minutes=31))
    mail.outbox = []
    with on_commit():
        assert escalate_due_flags(now=start + timedelta(minutes=45)) == 0  # 14 minutes after the last: not yet
        assert escalate_due_flags(now=start + timedelta(minutes=62)) == 1

    assert told() == sorted([therapist_sana.login, admin_farah.login, admin_zara.login])  # never Omar


def test_an_acknowledged_flag_is_not_escalated(flag: Flag, therapist_sana: User, on_commit) -> None:
    flag_acknowledge(flag=flag, user=therapist_sana, action=FlagAction.SPOKE)
    with on_commit():
        assert escalate_due_flags(now=timezone.now() + timedelta(hours=3)) == 0
    assert not mail.outbox


def test_two_sweeps_at_once_remind_once(flag: Flag) -> None:
    later = timezone.now() + timedelta(minutes=31)
    assert escalate_due_flags(now=later) + escalate_due_flags(now=later) == 1


def test_the_command_sweeps(flag: Flag, admin_zara: User, on_commit) -> None:
    Flag.objects.filter(pk=flag.pk).update(notified_at=timezone.now() - timedelta(minutes=40))
    with on_commit():
        call_command("escalate_flags", verbosity=0)

    assert admin_zara.login in told()
    flag.refresh_from_db()
    assert flag.escalations == 1


def test_the_command_refuses_a_too_short_interval() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="30 seconds"):
        call_command("escalate_flags", every=5)


def test_a_flag_with_nobody_to_tell_waits_and_reaches_the_first_therapist(
    client_kamran: User, therapist_sana: User, on_commit
) -> None:
    from dilasa.messaging.testing import put_in_care

    flag = raise_flag(client=client_kamran, source="help_button", raised_by=client_kamran)
    later = timezone.now() + timedelta(minutes=31)
    assert escalate_due_flags(now=later) == 0
    assert not AccessEvent.objects.filter(target=f"safety.escalation:{flag.pk}").exists()

    put_in_care(client_kamran, therapist_sana)
    with on_commit():
        assert escalate_due_flags(now=later + timedelta(minutes=1)) == 1
    assert told() == [therapist_sana.login]
