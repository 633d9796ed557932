"""A flag reaches the client's therapists and their clinic's on-call admin, and nobody else; what they are
sent says only that something needs attention."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from dilasa.accounts.models import LoginKind, Organisation, Role, User
from dilasa.core.sms import LocmemSmsBackend
from dilasa.messaging.testing import put_in_care
from dilasa.safety.selectors import flag_recipients
from dilasa.safety.services import on_call_set, raise_flag
from dilasa.testing import make_user

pytestmark = pytest.mark.django_db

# Words a notice must never carry: it may be read over someone's shoulder or on a shared phone.
SENSITIVE = re.compile(
    r"help|crisis|urgent|suicid|self-harm|harm|danger|emergency|mental|therap|counsel|depress|anxi|phq|gad|"
    r"flag|risk|ayesha|rescue|1122|مدد|خودکشی|ہنگامی|ذہنی",
    re.IGNORECASE,
)


def told() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_the_care_team_and_every_admin_when_nobody_is_named_on_call(
    ayesha: User,
    therapist_sana: User,
    therapist_bilal: User,
    admin_farah: User,
    admin_zara: User,
    admin_omar: User,
    on_commit,
) -> None:
    with on_commit():
        raise_flag(client=ayesha, source="phq9_item9")

    # Bilal works at Sukoon but Ayesha is not in his care; Omar runs another clinic.
    assert told() == sorted([therapist_sana.login, admin_farah.login, admin_zara.login])


def test_only_the_named_on_call_admin_when_the_clinic_chose_one(
    ayesha: User, therapist_sana: User, admin_farah: User, admin_zara: User, clinic_sukoon: Organisation, on_commit
) -> None:
    on_call_set(organisation=clinic_sukoon, admin=admin_zara, chosen_by=admin_farah)
    with on_commit():
        raise_flag(client=ayesha, source="help_button", raised_by=ayesha)

    assert told() == sorted([therapist_sana.login, admin_zara.login])


def test_an_on_call_admin_who_left_falls_back_to_every_admin(
    ayesha: User, therapist_sana: User, admin_farah: User, admin_zara: User, clinic_sukoon: Organisation
) -> None:
    on_call_set(organisation=clinic_sukoon, admin=admin_zara, chosen_by=admin_farah)
    admin_zara.is_active = False
    admin_zara.save(update_fields=["is_active"])

    flag = raise_flag(client=ayesha, source="help_button", raised_by=ayesha)

    assert flag_recipients(flag) == [therapist_sana, admin_farah]


def test_a_client_in_two_clinics_reaches_both(
    ayesha: User, therapist_sana: User, therapist_nadia: User, admin_farah: User, admin_omar: User
) -> None:
    put_in_care(ayesha, therapist_nadia)

    flag = raise_flag(client=ayesha, source="help_button", raised_by=ayesha)

    assert {u.pk for u in flag_recipients(flag)} == {
        therapist_sana.pk,
        therapist_nadia.pk,
        admin_farah.pk,
        admin_omar.pk,
    }


def test_the_notice_says_nothing_sensitive_in_any_language(
    ayesha: User, therapist_sana: User, admin_farah: User, on_commit
) -> None:
    therapist_sana.language = "ur"
    therapist_sana.save(update_fields=["language"])
    with on_commit():
        raise_flag(client=ayesha, source="phq9_item9", detail="answered 3 on item 9")

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert not SENSITIVE.findall(message.subject + " " + message.body)
        assert reverse("safety:flags") in message.body
    english = next(m for m in mail.outbox if m.to == [admin_farah.login])
    assert "Please sign in to Dilasa: something needs your attention." in english.body


def test_a_therapist_who_signs_in_by_phone_gets_a_text(ayesha: User, clinic_sukoon: Organisation, on_commit) -> None:
    kiran = make_user(
        "+923331112223", display_name="Kiran", role=Role.THERAPIST, organisation=clinic_sukoon, kind=LoginKind.PHONE
    )
    put_in_care(ayesha, kiran)
    with on_commit():
        raise_flag(client=ayesha, source="help_button", raised_by=ayesha)

    texts = [m.body for m in LocmemSmsBackend.outbox if m.to == "+923331112223"]
    assert len(texts) == 1
    assert not SENSITIVE.findall(texts[0])


def test_an_admin_cannot_name_someone_of_another_clinic_on_call(
    admin_farah: User, admin_omar: User, clinic_sukoon: Organisation
) -> None:
    with pytest.raises(ValidationError):
        on_call_set(organisation=clinic_sukoon, admin=admin_omar, chosen_by=admin_farah)
