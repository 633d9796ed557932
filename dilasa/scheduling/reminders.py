"""Reminders a day and an hour before an appointment, by email and/or SMS, in discreet words.

How a reminder reaches the client, with either task backend:

- At booking, `schedule_reminders` enqueues `tasks.send_reminder` with `run_after` at each reminder's
  due time when the task backend can defer (the database backend and `manage.py db_worker`). The
  immediate backend cannot defer, so nothing is sent at booking time; `manage.py send_due_reminders`
  (from cron, or `--every 300` beside the server) sends what is due, and on the database backend it
  is the safety net for a worker that was down or an enqueue that failed.
- Whoever runs it, `reminder_send` decides from the appointment and the clock alone: too early,
  nothing (the task re-enqueues itself for the due time); past its window, never; cancelled or moved,
  never (a moved appointment is a new one, with its own reminders).
- Each (appointment, kind, channel) has one ReminderDelivery row, claimed in a transaction before
  sending. Only the claimer sends, so tasks and sweeps may overlap freely. A failed send is retried
  with backoff (RETRY_DELAYS) by re-claiming the failed row: django-tasks 0.12 does not retry.
- At most once: a worker that dies between claiming and recording the outcome leaves the row
  "sending", and it is not sent again. A missed reminder is better than a duplicate.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_datetime_format
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dilasa.accounts.identifiers import parse_phone
from dilasa.accounts.models import LoginKind, User
from dilasa.core.i18n import current_locale
from dilasa.core.languages import supported, zone_named
from dilasa.core.notify import deliver_notice, site_link
from dilasa.scheduling.models import (
    Appointment,
    DeliveryStatus,
    Mode,
    ReminderChannel,
    ReminderChannels,
    ReminderDelivery,
    ReminderKind,
    ReminderPreference,
    ReminderWording,
    Status,
)

logger = logging.getLogger(__name__)
CALL_MODES: Final = (Mode.VIDEO, Mode.AUDIO)  # modes whose reminder offers the device check

OFFSETS: Final = {ReminderKind.DAY_BEFORE: timedelta(hours=24), ReminderKind.HOUR_BEFORE: timedelta(hours=1)}
# After a failed send, wait this long before the next try; after the last one, give up.
RETRY_DELAYS: Final = (timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30))
MAX_ATTEMPTS: Final = len(RETRY_DELAYS) + 1
CUSTOM_TEXT_MAX: Final = 80
TIME_PLACEHOLDER: Final = "{time}"

# Words no reminder, receipt or calendar title may contain, in English and Urdu, so that a message
# seen on a shared phone or a lock screen says nothing about what kind of appointment it is.
# Tests render every notice in every language and look for these.
CLINICAL_WORDS: Final = (
    "therap",  # therapy, therapist, therapeutic
    "psych",  # psychology, psychologist, psychiatric, psychotherapy
    "counsel",  # counselling, counseling, counsellor
    "mental",
    "session",
    "clinic",
    "depress",
    "anxiety",
    "trauma",
    "treatment",
    "تھراپی",
    "تھراپسٹ",
    "معالج",
    "علاج",
    "نفسیات",
    "نفسیاتی",
    "ماہر نفسیات",
    "ذہنی",
    "دماغی",
    "کونسلنگ",
    "کاؤنسلنگ",
    "مشاورت",
    "سیشن",
    "کلینک",
    "ڈپریشن",
    "اضطراب",
)

_URL_LIKE = re.compile(r"(://|www\.|\b[\w-]+\.(com|pk|net|org|io|me|ly|co|info|biz|app|link)\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# --- when ---------------------------------------------------------------------------------


class Timing(enum.Enum):
    EARLY = "early"  # not due yet
    DUE = "due"
    LATE = "late"  # its window has passed (the next reminder, or the appointment, has come)
    NEVER = "never"  # it fell due before the booking was made: the client knows already


def reminder_window(kind: str, starts_at: datetime) -> tuple[datetime, datetime]:
    """[due, until): the day-before reminder is worth sending until the hour-before one is due."""
    due = starts_at - OFFSETS[ReminderKind(kind)]
    until = starts_at - OFFSETS[ReminderKind.HOUR_BEFORE] if kind == ReminderKind.DAY_BEFORE else starts_at
    return due, until


def reminder_timing(*, kind: str, starts_at: datetime, booked_at: datetime, now: datetime) -> Timing:
    due, until = reminder_window(kind, starts_at)
    if due <= booked_at:
        return Timing.NEVER
    if now < due:
        return Timing.EARLY
    if now >= until:
        return Timing.LATE
    return Timing.DUE


# --- preferences ----------------------------------------------------------------------------


def default_channels(user: User) -> str:
    return ReminderChannels.SMS if user.login_kind == LoginKind.PHONE else ReminderChannels.EMAIL


def reminder_preference_for(user: User) -> ReminderPreference:
    """The saved preference, or the default (the sign-in channel, the first wording), unsaved."""
    found = ReminderPreference.objects.filter(user=user).first()
    return found or ReminderPreference(user=user, channels=default_channels(user))


def _clean_custom_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"custom_text": _("Write the words you want, or choose one of the others.")})
    if len(text) > CUSTOM_TEXT_MAX:
        raise ValidationError(
            {"custom_text": _("Keep it to %(max)s characters or fewer.") % {"max": CUSTOM_TEXT_MAX}}, code="too_long"
        )
    if _URL_LIKE.search(text):
        raise ValidationError({"custom_text": _("A reminder cannot contain a web address.")}, code="url")
    if _CONTROL.search(text) or re.search(r"[{}]", text.replace(TIME_PLACEHOLDER, "")):
        raise ValidationError(
            {"custom_text": _("Use plain words; {time} is the only code a reminder understands.")}, code="braces"
        )
    return text


def reminder_preference_update(
    *, user: User, channels: str, wording: str, custom_text: str = "", email: str = "", phone: str = ""
) -> ReminderPreference:
    """Save how `user` wants reminders; a channel they do not sign in with needs an address for it."""
    if channels not in ReminderChannels.values:
        raise ValidationError({"channels": _("Choose how you want reminders.")}, code="bad_channels")
    if wording not in ReminderWording.values:
        raise ValidationError({"wording": _("Choose the words for your reminders.")}, code="bad_wording")
    custom_text = _clean_custom_text(custom_text) if wording == ReminderWording.CUSTOM else ""
    email = email.strip().lower()
    phone = phone.strip()
    wants_email = channels in (ReminderChannels.EMAIL, ReminderChannels.BOTH)
    wants_sms = channels in (ReminderChannels.SMS, ReminderChannels.BOTH)
    if user.login_kind == LoginKind.EMAIL:
        email = ""  # the sign-in address is used
        if wants_sms:
            if not phone:
                raise ValidationError({"phone": _("Give a mobile number for text messages.")}, code="phone_needed")
            phone = parse_phone(phone)
        else:
            phone = ""
    else:
        phone = ""
        if wants_email:
            if not email:
                raise ValidationError({"email": _("Give an email address for reminders by email.")}, code="email")
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError({"email": _("Enter a valid email address.")}, code="invalid_email") from None
        else:
            email = ""
    with transaction.atomic():
        preference, _created = ReminderPreference.objects.select_for_update().get_or_create(
            user=user, defaults={"channels": channels}
        )
        preference.channels = channels
        preference.wording = wording
        preference.custom_text = custom_text
        preference.email = email
        preference.phone = phone
        preference.save()
    return preference


@dataclass(frozen=True)
class Address:
    channel: str  # ReminderChannel
    to: str


def reminder_addresses(user: User, preference: ReminderPreference) -> list[Address]:
    wanted = {
        ReminderChannels.EMAIL: [ReminderChannel.EMAIL],
        ReminderChannels.SMS: [ReminderChannel.SMS],
        ReminderChannels.BOTH: [ReminderChannel.EMAIL, ReminderChannel.SMS],
    }.get(ReminderChannels(preference.channels), [])
    addresses = []
    for channel in wanted:
        if channel == ReminderChannel.EMAIL:
            to = user.login if user.login_kind == LoginKind.EMAIL else preference.email
        else:
            to = user.login if user.login_kind == LoginKind.PHONE else preference.phone
        if to:
            addresses.append(Address(channel, to))
    return addresses


# --- words ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    subject: str
    body: str


def reader_zone(user: User) -> ZoneInfo:
    return zone_named(user.time_zone)


def reader_language(user: User) -> str:
    return supported(user.language) or settings.LANGUAGE_CODE


def local_when(value: datetime) -> str:
    """The day in full and the time without seconds (Monday, 30 November 2026, 10:00 am), in the active
    locale and time zone, joined as the locale joins a date and a time."""
    locale = current_locale().babel
    local = timezone.localtime(value)
    pattern = str(get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", format_date(local, "full", locale=locale)).replace(
        "{0}", format_time(local, "short", locale=locale)
    )


def appointment_link(appointment_id: int) -> str:
    return site_link(reverse("scheduling:appointment", args=[appointment_id]))


def reminder_line(preference: ReminderPreference, when: str) -> str:
    """The first line of a reminder (its subject, its preview, the SMS itself); call in the reader's language."""
    if preference.wording == ReminderWording.CUSTOM and preference.custom_text:
        text = preference.custom_text
        return text.replace(TIME_PLACEHOLDER, when) if TIME_PLACEHOLDER in text else f"{text} {when}"
    if preference.wording == ReminderWording.DILASA:
        return _("Reminder from Dilasa at %(time)s") % {"time": when}
    if preference.wording == ReminderWording.TIME_ONLY:
        return _("A reminder for %(time)s") % {"time": when}
    return _("Reminder: your appointment at %(time)s") % {"time": when}


def reminder_render(*, appointment: Appointment, user: User, preference: ReminderPreference, channel: str) -> Notice:
    """A reminder in the reader's language and time zone; no names, no place, nothing clinical."""
    with translation.override(reader_language(user)), timezone.override(reader_zone(user)):
        when = local_when(appointment.starts_at)
        context = {
            "line": reminder_line(preference, when),
            "when": when,
            "link": appointment_link(appointment.pk),
            "settings_link": site_link(reverse("scheduling_notices:reminders")),
            # A call needs a working camera, microphone and connection: offer the check (email only; SMS stays short).
            "check_link": site_link(reverse("live:check")) if appointment.mode in CALL_MODES else "",
        }
        template = "sms" if channel == ReminderChannel.SMS else "email"
        body = render_to_string(f"scheduling/notices/reminder_{template}.txt", context).strip()
    return Notice(subject=context["line"], body=body)


# --- sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendOutcome:
    timing: Timing
    due_at: datetime | None = None
    sent: int = 0
    failed: int = 0
    retry_at: datetime | None = None  # the earliest retry of a failed channel, if any will be retried


def _claim(*, appointment_id: int, kind: str, channel: str, now: datetime) -> ReminderDelivery | None:
    """Take the (appointment, kind, channel) reminder for sending, or None if it is not ours to send."""
    with transaction.atomic():
        # Locking the appointment orders this claim with a cancellation (which locks it too).
        booked = Appointment.objects.select_for_update().filter(pk=appointment_id, status=Status.BOOKED)
        if not list(booked.values_list("pk", flat=True)):
            return None
        delivery, created = ReminderDelivery.objects.get_or_create(
            appointment_id=appointment_id,
            kind=kind,
            channel=channel,
            defaults={"status": DeliveryStatus.SENDING, "attempts": 1, "claimed_at": now},
        )
        if created:
            return delivery
        retried = ReminderDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.FAILED, attempts=delivery.attempts, next_attempt_at__lte=now
        ).update(status=DeliveryStatus.SENDING, attempts=delivery.attempts + 1, claimed_at=now, next_attempt_at=None)
        if not retried:
            return None
        delivery.refresh_from_db()
        return delivery


def _record_sent(delivery: ReminderDelivery, now: datetime) -> None:
    ReminderDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=now, last_error=""
    )


def _record_failure(delivery: ReminderDelivery, error: Exception, now: datetime, until: datetime) -> datetime | None:
    """Mark the send failed; return when to try again, or None after the last try."""
    retry_at = now + RETRY_DELAYS[delivery.attempts - 1] if delivery.attempts < MAX_ATTEMPTS else None
    if retry_at is not None and retry_at >= until:
        retry_at = None
    ReminderDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.FAILED if retry_at else DeliveryStatus.ABANDONED,
        next_attempt_at=retry_at,
        last_error=type(error).__qualname__[:120],
    )
    return retry_at


def _settled(appointment: Appointment, kind: str, channels: Iterable[str], now: datetime) -> bool:
    """Every wanted channel already sent, being sent, given up, or waiting for a later retry."""
    rows = {d.channel: d for d in ReminderDelivery.objects.filter(appointment=appointment, kind=kind)}
    for channel in channels:
        row = rows.get(channel)
        if row is None:
            return False
        if row.status == DeliveryStatus.FAILED and row.next_attempt_at is not None and row.next_attempt_at <= now:
            return False
    return True


def reminder_send(*, appointment_id: int, kind: str, now: datetime) -> SendOutcome:
    """Send one reminder of one appointment on each channel the client wants, if it is due and not sent yet."""
    appointment = Appointment.objects.select_related("client").filter(pk=appointment_id).first()
    if appointment is None or appointment.status != Status.BOOKED or not appointment.client.is_active:
        return SendOutcome(timing=Timing.NEVER)
    due, until = reminder_window(kind, appointment.starts_at)
    timing = reminder_timing(kind=kind, starts_at=appointment.starts_at, booked_at=appointment.created_at, now=now)
    if timing is not Timing.DUE:
        return SendOutcome(timing=timing, due_at=due)
    client = appointment.client
    preference = reminder_preference_for(client)
    addresses = reminder_addresses(client, preference)
    if _settled(appointment, kind, (a.channel for a in addresses), now):
        return SendOutcome(timing=timing, due_at=due)
    sent = failed = 0
    retries: list[datetime] = []
    for address in addresses:
        delivery = _claim(appointment_id=appointment.pk, kind=kind, channel=address.channel, now=now)
        if delivery is None:
            continue
        try:
            notice = reminder_render(
                appointment=appointment, user=client, preference=preference, channel=address.channel
            )
            deliver_notice.call(
                channel="phone" if address.channel == ReminderChannel.SMS else "email",
                to=address.to,
                subject=notice.subject,
                body=notice.body,
            )
        except Exception as error:  # noqa: BLE001 - any failure of a backend is recorded and retried, not raised
            logger.warning("reminder %s/%s/%s failed: %s", appointment.pk, kind, address.channel, type(error).__name__)
            failed += 1
            retry_at = _record_failure(delivery, error, now, until)
            if retry_at is not None:
                retries.append(retry_at)
        else:
            sent += 1
            _record_sent(delivery, now)
    return SendOutcome(timing=timing, due_at=due, sent=sent, failed=failed, retry_at=min(retries, default=None))


@dataclass(frozen=True)
class SweepResult:
    appointments: int
    sent: int
    failed: int


def reminders_send_due(*, now: datetime) -> SweepResult:
    """Send every reminder due at `now` that was not sent yet, and retry failed ones whose time has come."""
    horizon = now + max(OFFSETS.values())
    upcoming = Appointment.objects.filter(status=Status.BOOKED, starts_at__gt=now, starts_at__lte=horizon)
    count = sent = failed = 0
    for appointment in upcoming.only("pk", "starts_at", "created_at").order_by("starts_at"):
        count += 1
        for kind in ReminderKind:
            timing = reminder_timing(
                kind=kind, starts_at=appointment.starts_at, booked_at=appointment.created_at, now=now
            )
            if timing is Timing.DUE:
                outcome = reminder_send(appointment_id=appointment.pk, kind=kind, now=now)
                sent += outcome.sent
                failed += outcome.failed
    return SweepResult(appointments=count, sent=sent, failed=failed)


# --- queueing ---------------------------------------------------------------------------------


def enqueue_reminder(*, appointment_id: int, kind: str, run_after: datetime) -> bool:
    """Queue the reminder task to run at `run_after`; False if the task backend cannot defer (the sweep sends it)."""
    from dilasa.scheduling.tasks import send_reminder

    if not send_reminder.get_backend().supports_defer:
        return False
    send_reminder.using(run_after=run_after).enqueue(appointment_id=appointment_id, kind=str(kind))
    return True


def schedule_reminders(appointment_id: int) -> None:
    """Called after the commit that books (or moves) an appointment: queue its reminders for their due times."""
    try:
        appointment = Appointment.objects.filter(pk=appointment_id, status=Status.BOOKED).first()
        if appointment is None:
            return
        now = timezone.now()
        for kind in ReminderKind:
            timing = reminder_timing(
                kind=kind, starts_at=appointment.starts_at, booked_at=appointment.created_at, now=now
            )
            if timing in (Timing.EARLY, Timing.DUE):
                due, _until = reminder_window(kind, appointment.starts_at)
                enqueue_reminder(appointment_id=appointment_id, kind=kind, run_after=max(due, now))
    except Exception:
        # The booking has committed and must not fail now; the sweep (send_due_reminders) covers this one.
        logger.exception("could not queue the reminders of appointment %s", appointment_id)
