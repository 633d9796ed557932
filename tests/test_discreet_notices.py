"""Discreet mode: no email or text message the site sends names what Dilasa is for, in any of our languages.

A notice lands on a lock screen or in a shared inbox, so every kind is checked as it leaves (the email and
SMS outboxes), sent through the same services the pages use, with every reader in each language: account
links, invitations, message notices, payment receipts, appointment reminders (email and SMS), emergency
access notices, attention notices, and the notices of closing an account. A notice template added later
must be sent here too, or the test fails.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test.signals import template_rendered
from django.utils import translation

from dilasa.accounts import services as accounts
from dilasa.accounts.identifiers import parse_identifier
from dilasa.accounts.models import User
from dilasa.core.discreet import sensitive_words_in
from dilasa.core.sms import LocmemSmsBackend

LANGUAGES = [code for code, _ in settings.LANGUAGES]
DILASA = Path(settings.BASE_DIR) / "dilasa"


def notice_templates() -> set[str]:
    """Every notice template in the project, as a template name ("messaging/notices/new_message_body.txt")."""
    return {str(path.relative_to(path.parents[3] / "templates")) for path in DILASA.glob("*/templates/*/notices/*.txt")}


@pytest.fixture
def rendered() -> Iterator[set[str]]:
    names: set[str] = set()

    def seen(sender: Any, template: Any, **kwargs: Any) -> None:
        names.add(str(template.name))

    template_rendered.connect(seen)
    yield names
    template_rendered.disconnect(seen)


def send_every_kind_of_notice(ayesha: User, kamran: User, sana: User, farah: User, on_commit: Any) -> None:
    from dilasa.audit.services import emergency_access_open
    from dilasa.messaging import services as messaging
    from dilasa.messaging.testing import put_in_care
    from dilasa.payments import services as payments
    from dilasa.rights.services import erasure_request
    from dilasa.safety.services import raise_flag
    from dilasa.scheduling import services as scheduling
    from dilasa.scheduling.models import ReminderChannels, ReminderKind, ReminderWording
    from dilasa.scheduling.reminders import reminder_preference_update, reminder_send
    from dilasa.scheduling.testing import karachi, open_every_day

    with on_commit():
        # Accounts: joining, joining again with a known address, a password reset, an invitation to staff.
        accounts.client_signup(
            display_name="New", identifier=parse_identifier("new@example.com"), password="x" * 12, language=""
        )
        accounts.client_signup(
            display_name="Again", identifier=parse_identifier(ayesha.login), password="x" * 12, language=""
        )
        accounts.password_reset_request(identifier=parse_identifier(kamran.login))
        accounts.invitation_create(admin=farah, email="new.therapist@example.com", role="therapist")

        # Messages both ways, while nobody has the conversation open.
        put_in_care(ayesha, sana)
        put_in_care(kamran, sana)
        thread = messaging.thread_start(user=ayesha, other_id=sana.pk)
        messaging.message_send(user=sana, thread_id=thread.pk, client_id=uuid.uuid4(), body="How was the week?")
        messaging.message_send(user=ayesha, thread_id=thread.pk, client_id=uuid.uuid4(), body="Hard.")

        # Receipts by text message (Kamran signs in with his phone) and by email, reminders by email and SMS.
        open_every_day(sana)
        paid = scheduling.appointment_book(
            client=kamran, therapist=sana, starts_at=karachi(3, 10), mode="video", booked_by=kamran
        )
        payment = payments.payment_submit(
            appointment=paid, payer=kamran, method="jazzcash", reference="TX12345678", amount_pkr=paid.fee_pkr
        ).payment
        payments.payment_confirm(admin=farah, payment=payment)
        reminded = scheduling.appointment_book(
            client=ayesha, therapist=sana, starts_at=karachi(4, 11), mode="audio", booked_by=ayesha
        )
        for_email = payments.payment_submit(
            appointment=reminded, payer=ayesha, method="easypaisa", reference="EP87654321", amount_pkr=reminded.fee_pkr
        ).payment
        payments.payment_confirm(admin=farah, payment=for_email)  # and Ayesha's receipt by email
        reminder_preference_update(
            user=ayesha, channels=ReminderChannels.BOTH, wording=ReminderWording.APPOINTMENT, phone="03001112233"
        )
        reminded.refresh_from_db()
        reminder_send(
            appointment_id=reminded.pk,
            kind=ReminderKind.DAY_BEFORE,
            now=reminded.starts_at - timedelta(hours=23),
        )

        # Emergency access, the help button, and a client closing her account.
        emergency_access_open(admin=farah, client_id=ayesha.pk, reason="She wrote that she is in danger tonight.")
        raise_flag(client=ayesha, source="help_button", raised_by=ayesha)
        erasure_request(client=ayesha)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_notice_names_what_we_do(
    language: str,
    client_ayesha: User,
    client_kamran: User,
    therapist_sana: User,
    admin_farah: User,
    on_commit: Any,
    rendered: set[str],
) -> None:
    people = (client_ayesha, client_kamran, therapist_sana, admin_farah)
    for person in people:
        person.language = language
        person.save(update_fields=["language"])
    with translation.override(language):  # for those with no account yet (a new sign-up, an invitee)
        send_every_kind_of_notice(*people, on_commit=on_commit)

    sent = [(m.to[0], m.subject, m.body) for m in mail.outbox]
    sent += [(m.to, "", m.body) for m in LocmemSmsBackend.outbox]
    assert len(mail.outbox) >= 10, sent
    assert LocmemSmsBackend.outbox, sent
    leaks = [(to, subject, body) for to, subject, body in sent if sensitive_words_in(f"{subject}\n{body}")]
    assert not leaks
    missed = notice_templates() - rendered
    assert not missed, f"send these notices in send_every_kind_of_notice too: {sorted(missed)}"


def test_the_word_list_knows_each_languages_words() -> None:
    for text in (
        "therapy",
        "Therapist",
        "counselling",
        "psychiatric",
        "mental health",
        "PHQ-9",
        "GAD-7",
        "suicide",
        "session note",
        "تھیراپسٹ تلاش کریں",  # Urdu, as our catalogue spells it
        "تھراپی",
        "نفسیاتی",
        "ذہنی صحت",
        "ڈپریشن",
        "خودکشی",
        "معالج",
        "سارے تھیراپسٹ ویکھو",  # Punjabi (Shahmukhi)
        "ٿراپسٽ ڳوليو",  # Sindhi
        "ذهني صحت",
        "مشاور ومومئ",  # Pashto
        "ځان وژنه",
    ):
        assert sensitive_words_in(text), text
    for text in ("Dilasa", "Messages", "Reminder: your appointment at 5:00 PM", "gadget", "Baghdad", "پیغامات"):
        assert not sensitive_words_in(text), text
