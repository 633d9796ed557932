"""Availability and appointments.

Weekly hours are wall-clock times in Asia/Karachi (where the clinics are);
appointments are instants (stored in UTC). Overlaps of active appointments are
refused by the database itself: an exclusion constraint on PostgreSQL and
triggers on SQLite (migration 0002), for the therapist (session plus buffer)
and for the client.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.accounts.models import Organisation
from dilasa.core.models import TimeStampedModel

CLINIC_TIME_ZONE = "Asia/Karachi"


class Mode(models.TextChoices):
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Voice only")
    TEXT = "text", _("Text chat")
    IN_PERSON = "in_person", _("In person")


ONLINE_MODES = (Mode.VIDEO, Mode.AUDIO, Mode.TEXT)


class PracticeSettings(TimeStampedModel):
    """A therapist's booking terms: what can be booked, for how long, at what fee."""

    therapist = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice")
    offers_video = models.BooleanField(_("video"), default=True)
    offers_audio = models.BooleanField(_("voice only"), default=True)
    offers_text = models.BooleanField(_("text chat"), default=True)
    offers_in_person = models.BooleanField(_("in person"), default=False)
    clinic_address = models.TextField(_("address for in-person sessions"), blank=True)
    session_minutes = models.PositiveSmallIntegerField(
        _("session length (minutes)"), default=50, validators=[MinValueValidator(15), MaxValueValidator(180)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("break between sessions (minutes)"), default=10, validators=[MaxValueValidator(120)]
    )
    fee_pkr = models.PositiveIntegerField(_("fee (PKR)"), default=0, validators=[MaxValueValidator(1_000_000)])
    sliding_scale = models.BooleanField(_("sliding scale"), default=False)
    fee_min_pkr = models.PositiveIntegerField(_("lowest sliding-scale fee (PKR)"), null=True, blank=True)
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=12, validators=[MaxValueValidator(24 * 14)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable ahead (days)"), default=28, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )

    def offered_modes(self) -> list[Mode]:
        flags = {
            Mode.VIDEO: self.offers_video,
            Mode.AUDIO: self.offers_audio,
            Mode.TEXT: self.offers_text,
            Mode.IN_PERSON: self.offers_in_person,
        }
        return [mode for mode, offered in flags.items() if offered]

    def offers(self, mode: str) -> bool:
        return mode in self.offered_modes()

    def __str__(self) -> str:
        return f"practice of {self.therapist_id}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyHours(models.Model):
    """A recurring window of working hours, in Asia/Karachi wall-clock time."""

    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField()
    end = models.TimeField()
    online = models.BooleanField(default=True)
    in_person = models.BooleanField(default=False)
    free = models.BooleanField(default=False, help_text="Slots in this window cost nothing.")

    class Meta:
        ordering = ("weekday", "start")
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="weekly_hours_start_before_end"),
            models.CheckConstraint(
                condition=models.Q(online=True) | models.Q(in_person=True), name="weekly_hours_some_mode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start}-{self.end}"


class ExceptionKind(models.TextChoices):
    UNAVAILABLE = "unavailable", _("Not available (leave, holiday)")
    EXTRA = "extra", _("Extra hours")


class AvailabilityException(models.Model):
    """A one-off change to the weekly hours: time off, or extra hours."""

    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=12, choices=ExceptionKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online = models.BooleanField(default=True)
    in_person = models.BooleanField(default=False)
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ("starts_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="exception_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d %H:%M}"


class ClinicPolicy(models.Model):
    """How late a client may cancel or move an appointment without it counting as a late cancel."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="booking_policy")
    cancel_cutoff_hours = models.PositiveSmallIntegerField(default=24, validators=[MaxValueValidator(24 * 14)])
    reschedule_cutoff_hours = models.PositiveSmallIntegerField(default=24, validators=[MaxValueValidator(24 * 14)])

    def __str__(self) -> str:
        return f"policy of {self.organisation_id}"


class Status(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("Did not attend")


class FeeKind(models.TextChoices):
    STANDARD = "standard", _("Standard fee")
    SLIDING = "sliding", _("Sliding scale")
    FREE = "free", _("Free")


class Appointment(TimeStampedModel):
    therapist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # ends_at plus the therapist's buffer: what the therapist's calendar keeps free.
    blocks_until = models.DateTimeField()
    mode = models.CharField(max_length=10, choices=Mode.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    fee_pkr = models.PositiveIntegerField(default=0)
    fee_kind = models.CharField(max_length=10, choices=FeeKind.choices, default=FeeKind.STANDARD)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late_cancel = models.BooleanField(default=False)
    rescheduled_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rescheduled_to"
    )

    class Meta:
        ordering = ("starts_at",)
        indexes = [
            models.Index(fields=["therapist", "starts_at"]),
            models.Index(fields=["client", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")) & models.Q(ends_at__lte=models.F("blocks_until")),
                name="appointment_times_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(client=models.F("therapist")), name="appointment_client_is_not_therapist"
            ),
        ]

    # The room opens a little before the start and stays open a while after the end.
    JOIN_OPENS_BEFORE_START = timedelta(minutes=10)
    JOIN_CLOSES_AFTER_END = timedelta(minutes=30)

    def join_phase(self, now: datetime) -> str:
        """'early', 'open' or 'late': where `now` falls against the joining window (online or not)."""
        if now < self.starts_at - self.JOIN_OPENS_BEFORE_START:
            return "early"
        if now > self.ends_at + self.JOIN_CLOSES_AFTER_END:
            return "late"
        return "open"

    def can_join(self, now: datetime) -> bool:
        return (
            self.mode != Mode.IN_PERSON
            and self.status in (Status.BOOKED, Status.COMPLETED)
            and self.join_phase(now) == "open"
        )

    @property
    def is_active(self) -> bool:
        return self.status != Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.mode != Mode.IN_PERSON

    def __str__(self) -> str:
        return f"appointment {self.pk}"


# --- reminders and the calendar feed ------------------------------------------------


class ReminderChannels(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    BOTH = "both", _("Email and text message")
    NONE = "none", _("No reminders")


class ReminderWording(models.TextChoices):
    """Neutral presets: nothing in a reminder says what kind of appointment it is."""

    APPOINTMENT = "appointment", _("“Reminder: your appointment at …”")
    DILASA = "dilasa", _("“Reminder from Dilasa at …”")
    TIME_ONLY = "time", _("“A reminder for …”")
    CUSTOM = "custom", _("My own words")


class ReminderPreference(TimeStampedModel):
    """How a client wants reminders; without a row, reminders go to the channel they sign in with."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    channels = models.CharField(max_length=5, choices=ReminderChannels.choices)
    wording = models.CharField(max_length=12, choices=ReminderWording.choices, default=ReminderWording.APPOINTMENT)
    custom_text = models.CharField(max_length=80, blank=True)
    # The second address, for the channel that is not the sign-in one (not yet verified by a code).
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=16, blank=True)

    def __str__(self) -> str:
        return f"reminders of {self.user_id}"


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "24h", _("A day before")
    HOUR_BEFORE = "1h", _("An hour before")


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    ABANDONED = "abandoned", _("Failed, gave up")


class ReminderDelivery(models.Model):
    """One reminder of one appointment on one channel: claimed before sending, so it is sent at most once."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="reminder_deliveries")
    kind = models.CharField(max_length=3, choices=ReminderKind.choices)
    channel = models.CharField(max_length=5, choices=ReminderChannel.choices)
    status = models.CharField(max_length=9, choices=DeliveryStatus.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=120, blank=True)  # an exception's class, never message text

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "kind", "channel"], name="one_reminder_per_kind_and_channel"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"reminder {self.kind} {self.channel} of {self.appointment_id}"


class CalendarFeed(models.Model):
    """A secret calendar address; only a hash of its token is kept, so the address is shown once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
