"""Therapist profiles as clients see them in the directory.

Booking terms (modes, fee, session length) are scheduling's PracticeSettings;
a profile holds only who the therapist is and what they work with.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dilasa.core.models import TimeStampedModel
from dilasa.directory.vocabulary import APPROACH_NAMES, LANGUAGE_NAMES, SPECIALITY_NAMES

BIO_MAX_CHARS = 1200


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another gender")


class Province(models.TextChoices):
    PUNJAB = "punjab", _("Punjab")
    SINDH = "sindh", _("Sindh")
    KHYBER_PAKHTUNKHWA = "kp", _("Khyber Pakhtunkhwa")
    BALOCHISTAN = "balochistan", _("Balochistan")
    ISLAMABAD = "ict", _("Islamabad Capital Territory")
    GILGIT_BALTISTAN = "gb", _("Gilgit-Baltistan")
    AJK = "ajk", _("Azad Jammu and Kashmir")
    ABROAD = "abroad", _("Outside Pakistan")


class Language(models.Model):
    """A language a therapist can hold sessions in; codes match the site's locales where both exist."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=60)  # English
    native_name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(LANGUAGE_NAMES.get(self.code, self.name))


class Speciality(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)  # English
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")
        verbose_name_plural = "specialities"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(SPECIALITY_NAMES.get(self.slug, self.name))


class Approach(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)  # English
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(APPROACH_NAMES.get(self.slug, self.name))


class TherapistProfile(TimeStampedModel):
    therapist = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    languages = models.ManyToManyField(Language, related_name="+", blank=True)
    specialities = models.ManyToManyField(Speciality, related_name="+", blank=True)
    approaches = models.ManyToManyField(Approach, related_name="+", blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    province = models.CharField(_("province"), max_length=12, choices=Province.choices, blank=True)
    qualifications = models.CharField(_("qualifications"), max_length=200, blank=True)
    # The therapist's own choice; being listed also needs the clinic's verification and booking terms.
    published = models.BooleanField(_("listed in the directory"), default=False)
    photo = models.FileField(upload_to="directory/photos/", blank=True)
    photo_type = models.CharField(max_length=16, blank=True)  # sniffed from the bytes, never the file name

    def __str__(self) -> str:
        return f"profile of {self.therapist_id}"


class ProfileBio(models.Model):
    """A short bio in one language the therapist speaks."""

    profile = models.ForeignKey(TherapistProfile, on_delete=models.CASCADE, related_name="bios")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(validators=[MaxLengthValidator(BIO_MAX_CHARS)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="one_bio_per_language")]

    def __str__(self) -> str:
        return f"bio of {self.profile_id} in {self.language_id}"
