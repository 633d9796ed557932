"""A private calendar address (.ics) per person, for the calendar app on their phone.

The address carries a random token; only its SHA-256 is stored, so the address is shown once,
when it is made, and a new one can be made at any time (the old one then stops working).
Events are in UTC (no VTIMEZONE needed), with UIDs stable per appointment. Titles are
discreet: a client sees the words they chose for reminders, never a name or a clinical word.
Cancelled appointments stay in the feed for a month as STATUS:CANCELLED, so calendar apps
that keep events remove or strike them; a moved appointment is a new event with its own UID.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from dilasa.accounts.models import User
from dilasa.scheduling.models import (
    Appointment,
    CalendarFeed,
    Mode,
    PracticeSettings,
    ReminderPreference,
    ReminderWording,
    Status,
)
from dilasa.scheduling.reminders import TIME_PLACEHOLDER, appointment_link, reader_language, reminder_preference_for

PAST_DAYS: Final = 30
MAX_EVENTS: Final = 500
# Writing the last-read time on every poll would be a write per calendar app per hour; once a day is plenty.
READ_MARK_EVERY: Final = timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_reset(*, user: User) -> str:
    """Make a new secret calendar address for `user` (the old one stops working); return its token."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        CalendarFeed.objects.create(user=user, token_hash=_hash(token))
    return token


def calendar_feed_remove(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('scheduling_notices:calendar_feed', kwargs={'token': token})}"


def calendar_feed_user(*, token: str, now: datetime) -> User | None:
    """The active person whose calendar this token opens, or None (unknown, reset or deactivated)."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    if feed.last_read_at is None or now - feed.last_read_at >= READ_MARK_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
    return feed.user


def _feed_appointments(user: User, now: datetime) -> list[Appointment]:
    since = now - timedelta(days=PAST_DAYS)
    mine = Q(client=user) | Q(therapist=user)
    return list(
        Appointment.objects.filter(mine, starts_at__gte=since)
        .exclude(status=Status.CANCELLED, cancelled_at__lt=since)
        .select_related("client")
        .order_by("starts_at")[:MAX_EVENTS]
    )


def _client_title(preference: ReminderPreference) -> str:
    if preference.wording == ReminderWording.CUSTOM and preference.custom_text:
        title = " ".join(preference.custom_text.replace(TIME_PLACEHOLDER, "").split())
        return title or _("Appointment")
    if preference.wording == ReminderWording.DILASA:
        return "Dilasa"
    return _("Appointment")


def calendar_ics(*, user: User, now: datetime) -> bytes:
    """The person's calendar: their appointments from a month ago on, in their language."""
    host = urlsplit(settings.SITE_URL).hostname or "dilasa.invalid"
    appointments = _feed_appointments(user, now)
    therapist_ids = {a.therapist_id for a in appointments if a.mode == Mode.IN_PERSON}
    addresses = dict(
        PracticeSettings.objects.filter(therapist_id__in=therapist_ids).values_list("therapist_id", "clinic_address")
    )
    with translation.override(reader_language(user)):
        client_title = _client_title(reminder_preference_for(user))
        calendar = Calendar()
        calendar.add("prodid", "-//Dilasa//Appointments//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", "Dilasa")
        calendar.add("x-published-ttl", "PT1H")
        for appointment in appointments:
            cancelled = appointment.status == Status.CANCELLED
            event = Event()
            event.add("uid", f"appointment-{appointment.pk}@{host}")
            event.add("dtstamp", now.astimezone(UTC))
            event.add("last-modified", appointment.updated_at.astimezone(UTC))
            event.add("dtstart", appointment.starts_at.astimezone(UTC))
            event.add("dtend", appointment.ends_at.astimezone(UTC))
            event.add("sequence", 1 if cancelled else 0)
            event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
            if appointment.therapist_id == user.pk:
                event.add("summary", _("Appointment with %(name)s") % {"name": appointment.client.display_name})
            else:
                event.add("summary", client_title)
            link = appointment_link(appointment.pk)
            event.add("url", link)
            event.add("description", link)
            address = addresses.get(appointment.therapist_id, "")
            if appointment.mode == Mode.IN_PERSON and address:
                event.add("location", " ".join(address.split()))
            calendar.add_component(event)
    return bytes(calendar.to_ical())
