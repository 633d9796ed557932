"""raise_flag: the one entry point the questionnaires and the help button use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent, Action, Purpose
from dilasa.core.crypto import unseal
from dilasa.messaging.testing import put_in_care
from dilasa.safety.models import Flag, FlagSource
from dilasa.safety.services import detail_context, raise_flag

pytestmark = pytest.mark.django_db


def test_a_flag_is_raised_sealed_and_audited(client_ayesha: User, therapist_sana: User, on_commit) -> None:
    put_in_care(client_ayesha, therapist_sana)
    with on_commit():
        flag = raise_flag(client=client_ayesha, source="phq9_item9", detail="item 9 answered 2")

    assert flag.is_open
    assert flag.source == FlagSource.PHQ9_ITEM9
    assert b"item 9" not in bytes(flag.detail or b"")
    assert unseal(bytes(flag.detail or b""), context=detail_context(flag.pk, client_ayesha.pk)) == "item 9 answered 2"
    event = AccessEvent.objects.get(target=f"safety.flag:{flag.pk}")
    assert (event.action, event.purpose, event.subject_id) == (Action.WRITE, Purpose.OWN, client_ayesha.pk)


def test_the_same_source_again_within_minutes_joins_the_open_flag(
    client_ayesha: User, therapist_sana: User, on_commit
) -> None:
    put_in_care(client_ayesha, therapist_sana)
    with on_commit():
        first = raise_flag(client=client_ayesha, source="help_button", raised_by=client_ayesha)
        second = raise_flag(client=client_ayesha, source="help_button", raised_by=client_ayesha)
        other_source = raise_flag(client=client_ayesha, source="phq9_item9")

    assert first.pk == second.pk
    assert other_source.pk != first.pk
    assert Flag.objects.count() == 2
    assert len(mail.outbox) == 2  # Sana told once per flag, not once per press


def test_after_the_window_a_new_press_makes_a_new_flag(client_ayesha: User) -> None:
    first = raise_flag(client=client_ayesha, source="help_button", raised_by=client_ayesha)
    Flag.objects.filter(pk=first.pk).update(raised_at=timezone.now() - timedelta(minutes=16))

    assert raise_flag(client=client_ayesha, source="help_button", raised_by=client_ayesha).pk != first.pk


def test_an_unknown_source_or_a_staff_member_is_refused(client_ayesha: User, therapist_sana: User) -> None:
    with pytest.raises(ValueError, match="source"):
        raise_flag(client=client_ayesha, source="horoscope")
    with pytest.raises(ValueError, match="clients"):
        raise_flag(client=therapist_sana, source="help_button")
    assert not Flag.objects.exists()
