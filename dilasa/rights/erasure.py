"""What erasing an account removes, app by app, and what a clinic's retention rule keeps.

Always, at once: the client's identity (the account row stays as an anonymous, disabled tombstone so that
ids in the audit trail and in kept records still point somewhere), their sign-in devices, reminders,
calendar feed, messages, in-session chat, mood, feelings, feedback, and the opt-in consents.

Kept while the clinic's rule says so, then removed by a later sweep:
- clinical records (records app, the therapist's session note, the session record, appointments and the
  online-counselling consent they were given under) until `clinical_years` after the last contact;
- payments until `financial_years` after each payment (appointments stay while a kept payment names them).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Max
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dilasa.accounts.models import User, new_security_stamp
from dilasa.consent.models import ConsentEvent, ConsentKind
from dilasa.live.models import (
    AboutMe,
    ChatMessage,
    FeelingTap,
    MoodCheckIn,
    Room,
    RoomEvent,
    SessionFeedback,
    SessionNote,
)
from dilasa.messaging.models import Thread
from dilasa.payments.models import Payment
from dilasa.rights.models import RetentionRule, default_clinical_years, default_financial_years
from dilasa.scheduling.models import Appointment, CalendarFeed, ReminderPreference

ERASED_NAME = "—"


def _years(years: int) -> timedelta:
    return timedelta(days=365 * years + years // 4)


def _rules(organisation_ids: set[int]) -> dict[int, tuple[int, int]]:
    rules = {
        rule.organisation_id: (rule.clinical_years, rule.financial_years)
        for rule in RetentionRule.objects.filter(organisation_id__in=organisation_ids)
    }
    defaults = (default_clinical_years(), default_financial_years())
    return {org: rules.get(org, defaults) for org in organisation_ids}


@dataclass(frozen=True)
class Retention:
    clinical_until: datetime | None  # None: nothing clinical to keep
    financial_until: datetime | None

    def keeps_clinical(self, now: datetime) -> bool:
        return self.clinical_until is not None and self.clinical_until > now

    def keeps_financial(self, now: datetime) -> bool:
        return self.financial_until is not None and self.financial_until > now


def retention_for(client_id: int) -> Retention:
    """Until when each clinic's rule keeps this client's records: the last contact with each clinic plus its
    clinical years, and each payment plus its clinic's financial years (the latest of them)."""
    last_contact = dict(
        Appointment.objects.filter(client_id=client_id)
        .values("organisation_id")
        .annotate(last=Max("ends_at"))
        .values_list("organisation_id", "last")
    )
    paid = list(Payment.objects.filter(payer_id=client_id).values_list("organisation_id", "created_at"))
    rules = _rules(set(last_contact) | {org for org, _ in paid})
    clinical = [last + _years(rules[org][0]) for org, last in last_contact.items() if rules[org][0] > 0]
    financial = [at + _years(rules[org][1]) for org, at in paid if rules[org][1] > 0]
    return Retention(max(clinical, default=None), max(financial, default=None))


# Apps whose erasure.py removes a client's clinical content once the retention rule no longer keeps it.
CLINICAL_APPS = ("records", "outcomes", "safety", "techniques")


def _call_app(app: str, client: User) -> None:
    """`dilasa.<app>.erasure.erase_for_client(client)`, when that app provides one."""
    name = f"dilasa.{app}.erasure"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name:
            raise
        return
    module.erase_for_client(client)


def erase_personal(client: User) -> None:
    """What goes at once, whatever the retention rule."""
    rooms = Room.objects.filter(appointment__client=client)
    ChatMessage.objects.filter(room__in=rooms).delete()
    MoodCheckIn.objects.filter(room__in=rooms).delete()
    FeelingTap.objects.filter(room__in=rooms).delete()
    SessionFeedback.objects.filter(room__in=rooms).delete()
    AboutMe.objects.filter(client=client).delete()
    Thread.objects.filter(client=client).delete()  # messages and attachments go with their thread
    ConsentEvent.objects.filter(client=client).exclude(kind=ConsentKind.TELECOUNSELLING).delete()
    ReminderPreference.objects.filter(user=client).delete()
    CalendarFeed.objects.filter(user=client).delete()
    TOTPDevice.objects.filter(user=client).delete()
    StaticDevice.objects.filter(user=client).delete()
    client.login = f"erased-{client.pk}.invalid"
    client.display_name = ERASED_NAME
    client.language = ""
    client.time_zone = "Asia/Karachi"
    client.verified_at = None
    client.is_active = False
    client.password = make_password(None)
    client.security_stamp = new_security_stamp()
    client.save()


def erase_clinical(client: User) -> None:
    """Clinical records, once the clinic's rule no longer keeps them."""
    for app in CLINICAL_APPS:
        _call_app(app, client)
    rooms = Room.objects.filter(appointment__client=client)
    SessionNote.objects.filter(room__in=rooms).delete()
    RoomEvent.objects.filter(room__in=rooms).delete()
    ConsentEvent.objects.filter(client=client).delete()


def erase_financial(client: User) -> None:
    Payment.objects.filter(payer=client).delete()


def erase_appointments(client: User) -> None:
    """Appointments (and their rooms) when neither rule keeps them any more."""
    Room.objects.filter(appointment__client=client).delete()
    items = Appointment.objects.filter(client=client)
    Appointment.objects.filter(rescheduled_from__in=items).update(rescheduled_from=None)
    items.delete()
