"""Writes for the directory: a therapist edits their own profile and photo.

There is no `therapist_id` argument from a request anywhere here: the views
pass `request.user`, so nobody can reach another person's profile.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.directory.models import (
    BIO_MAX_CHARS,
    Approach,
    Gender,
    Language,
    ProfileBio,
    Province,
    Speciality,
    TherapistProfile,
)
from dilasa.directory.photos import PHOTO_TYPES, validate_photo


def _require_therapist(therapist: User) -> None:
    if not therapist.is_therapist:
        raise ValidationError(_("Only therapists have a directory profile."), code="forbidden")


def _clean_bio(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def _will_have_a_bio(therapist: User, spoken: Collection[str], texts: Mapping[str, str]) -> bool:
    """After saving, is there a bio in a spoken language? Bios not sent keep their saved text."""
    saved = set(
        ProfileBio.objects.filter(profile__therapist=therapist, language__code__in=spoken).values_list(
            "language__code", flat=True
        )
    )
    return any(texts.get(code, code in saved) for code in spoken)


def profile_update(
    *,
    therapist: User,
    gender: str,
    languages: Collection[Language],
    specialities: Collection[Speciality],
    approaches: Collection[Approach],
    city: str,
    province: str,
    qualifications: str,
    bios: Mapping[str, str],
    published: bool,
) -> TherapistProfile:
    """Save the therapist's profile. `bios` maps a language code to its text; an empty text removes that bio.

    Bios for languages the therapist does not tick are left alone (and not
    shown), so unticking a language by mistake loses nothing.
    """
    _require_therapist(therapist)
    spoken = {language.code: language for language in languages}
    texts = {code: _clean_bio(text) for code, text in bios.items()}
    errors: dict[str, ValidationError] = {}
    if gender not in Gender.values:
        errors["gender"] = ValidationError(_("Choose one of the options."), code="invalid_gender")
    if province and province not in Province.values:
        errors["province"] = ValidationError(_("Choose one of the options."), code="invalid_province")
    for code, text in texts.items():
        if len(text) > BIO_MAX_CHARS:
            errors[f"bio_{code}"] = ValidationError(
                _("Keep the bio to %(limit)d characters; it has %(count)d.")
                % {"limit": BIO_MAX_CHARS, "count": len(text)},
                code="bio_too_long",
            )
    if published and not spoken:
        errors["languages"] = ValidationError(_("Choose the languages you hold sessions in."), code="no_language")
    elif published and not _will_have_a_bio(therapist, spoken, texts):
        errors["published"] = ValidationError(
            _("Write a short bio in at least one language you speak before you list yourself."), code="no_bio"
        )
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        profile, _created = TherapistProfile.objects.select_for_update().get_or_create(therapist=therapist)
        profile.gender = gender
        profile.city = " ".join(city.split())
        profile.province = province
        profile.qualifications = " ".join(qualifications.split())
        profile.published = published
        profile.save()
        profile.languages.set(spoken.values())
        profile.specialities.set(specialities)
        profile.approaches.set(approaches)
        for code, text in texts.items():
            if code not in spoken:
                continue
            if text:
                ProfileBio.objects.update_or_create(profile=profile, language=spoken[code], defaults={"text": text})
            else:
                ProfileBio.objects.filter(profile=profile, language=spoken[code]).delete()
    return profile


def profile_set_photo(*, therapist: User, data: bytes) -> TherapistProfile:
    """Store a new photo (JPEG, PNG or WebP by content, at most 60 KB) and drop the old one."""
    _require_therapist(therapist)
    kind = validate_photo(data)
    with transaction.atomic():
        profile, _created = TherapistProfile.objects.select_for_update().get_or_create(therapist=therapist)
        old = profile.photo.name
        profile.photo.save(f"{uuid.uuid4().hex}.{PHOTO_TYPES[kind]}", ContentFile(data), save=False)
        profile.photo_type = kind
        profile.save(update_fields=["photo", "photo_type", "updated_at"])
        if old:
            storage = profile.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
    return profile


def profile_remove_photo(*, therapist: User) -> None:
    _require_therapist(therapist)
    with transaction.atomic():
        profile = TherapistProfile.objects.select_for_update().filter(therapist=therapist).first()
        if profile is None or not profile.photo:
            return
        old, storage = profile.photo.name, profile.photo.storage
        profile.photo = None  # FileField accepts None to clear
        profile.photo_type = ""
        profile.save(update_fields=["photo", "photo_type", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old))
