"""Session rooms: one per online appointment, with the session record, chat and rapport taps.

Nothing here holds plaintext clinical content: chat bodies, mood words, feedback and notes are sealed
(dilasa.core.crypto) with a context that names the record, and the session record (RoomEvent) keeps
what happened, never what was said.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.scheduling.models import Appointment


class RoomState(models.TextChoices):
    WAITING = "waiting", _("Waiting room")
    OPEN = "open", _("In session")
    ENDED = "ended", _("Ended")


class LiveMode(models.TextChoices):
    """The rungs of the bandwidth ladder, highest first (docs/realtime-protocol.md)."""

    VIDEO = "video", _("Video")
    VIDEO_LOW = "video_low", _("Light video")
    AUDIO = "audio", _("Voice only")
    TEXT = "text", _("Text only")


class PartyRole(models.TextChoices):
    CLIENT = "client", _("Client")
    THERAPIST = "therapist", _("Therapist")


class Room(models.Model):
    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="room")
    state = models.CharField(max_length=8, choices=RoomState.choices, default=RoomState.WAITING)
    mode = models.CharField(max_length=10, choices=LiveMode.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    admitted_at = models.DateTimeField(null=True, blank=True)
    # The first moment both people were connected to the open room.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Which connection (a channel name) each side has now; blank when that side is away. Best effort:
    # a crashed worker leaves a stale name, which the next connection of that side replaces.
    client_channel = models.CharField(max_length=120, blank=True)
    therapist_channel = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"room {self.pk}"


class EventKind(models.TextChoices):
    JOINED = "joined", _("Joined")
    LEFT = "left", _("Left")
    ADMITTED = "admitted", _("Let in")
    MODE_CHANGED = "mode_changed", _("Changed how we meet")
    RECONNECTED = "reconnected", _("Reconnected")
    ENDED = "ended", _("Ended")
    TOOL = "tool", _("Breathing together")


class RoomEvent(models.Model):
    """The session record: who did what when, and small coded details (never content)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    actor = models.CharField(max_length=9, choices=PartyRole.choices)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.kind} by {self.actor}"


class ChatMessage(models.Model):
    """One chat line. `seq` orders a room's chat; `client_id` makes a resend harmless."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="chat")
    seq = models.PositiveIntegerField()
    client_id = models.UUIDField()
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # sealed with the context "live.chat:<room id>:<client_id>"
    body = models.BinaryField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("room", "seq")
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="live_chat_seq_once_per_room"),
            models.UniqueConstraint(fields=["room", "sender", "client_id"], name="live_chat_client_id_once"),
        ]

    def __str__(self) -> str:
        return f"chat {self.room_id}#{self.seq}"


class Feeling(models.TextChoices):
    """The client's one-tap "how I feel right now", stored as this code."""

    CALM = "calm", _("Calm")
    OKAY = "okay", _("Okay")
    ANXIOUS = "anxious", _("Anxious")
    SAD = "sad", _("Sad")
    OVERWHELMED = "overwhelmed", _("Overwhelmed")
    PAUSE = "pause", _("I need a pause")


class FeelingTap(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="feelings")
    value = models.CharField(max_length=12, choices=Feeling.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.value} at {self.at:%H:%M}"


class Mood(models.IntegerChoices):
    """The client's mood before the session, one tap."""

    VERY_LOW = 1, _("Very low")
    LOW = 2, _("Low")
    OKAY = 3, _("Okay")
    GOOD = 4, _("Good")
    VERY_GOOD = 5, _("Very good")


class MoodCheckIn(models.Model):
    """One per room: a new tap replaces the last."""

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="mood")
    value = models.PositiveSmallIntegerField(choices=Mood.choices)
    # seal(word, context=f"live.mood:{room_id}"); null when no word was given
    word = models.BinaryField(null=True, blank=True)
    at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"mood {self.value} in room {self.room_id}"


ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class SessionFeedback(models.Model):
    """The client's short feedback after the session (our own scale: ORS/SRS need a licence)."""

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="feedback")
    session_rating = models.PositiveSmallIntegerField(_("how the session went"), validators=ONE_TO_FIVE)
    connection_rating = models.PositiveSmallIntegerField(_("how the connection was"), validators=ONE_TO_FIVE)
    connected_rating = models.PositiveSmallIntegerField(_("how connected you felt"), validators=ONE_TO_FIVE)
    # seal(text, context=f"live.feedback:{room_id}"); null when nothing was written
    comment = models.BinaryField(null=True, blank=True)
    at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"feedback on room {self.room_id}"


class SessionNote(models.Model):
    """The therapist's short private note, written straight after the session."""

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.BinaryField()  # seal(text, context=f"live.note:{room_id}")
    at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"note on room {self.room_id}"


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("under 25")
    FROM_25 = "25_34", _("25 to 34")
    FROM_35 = "35_44", _("35 to 44")
    FROM_45 = "45_54", _("45 to 54")
    FROM_55 = "55_64", _("55 to 64")
    FROM_65 = "65_up", _("65 or older")


class TechComfort(models.TextChoices):
    NEW = "new", _("New to it: I need help")
    SOME = "some", _("I manage, with some difficulty")
    COMFORTABLE = "comfortable", _("Comfortable")
    VERY = "very", _("Very comfortable")


class AboutMe(models.Model):
    """A client's optional, once-only answer about their age and comfort with phones and computers.

    Asked once, after their first session feedback, so a clinic can compare experiences across groups
    (in aggregate only, with a minimum group size). Blank means "prefer not to say"; `declined` means
    they chose not to answer at all. Never asked again either way.
    """

    client = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="about_me")
    age_band = models.CharField(_("your age"), max_length=10, choices=AgeBand.choices, blank=True)
    tech_comfort = models.CharField(
        _("how comfortable you are with phones and computers"), max_length=12, choices=TechComfort.choices, blank=True
    )
    declined = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"about client {self.client_id}"
