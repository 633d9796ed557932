"""Reads for the directory. `listed_therapists()` alone decides who clients can find."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import Role, User
from dilasa.directory.matching import Candidate, Match, Preferences, eligible, rank
from dilasa.directory.models import Language, ProfileBio, Speciality, TherapistProfile
from dilasa.scheduling import selectors as scheduling
from dilasa.scheduling.models import Appointment, Mode, PracticeSettings, Status, WeeklyHours
from dilasa.scheduling.slots import Slot

SOON = timedelta(days=7)
_MODE_FIELDS = {
    Mode.VIDEO: "offers_video",
    Mode.AUDIO: "offers_audio",
    Mode.TEXT: "offers_text",
    Mode.IN_PERSON: "offers_in_person",
}
# When the viewer's language has no bio: Urdu is read most widely, then English.
BIO_FALLBACK = ("ur", "en")


def _listed() -> Q:
    offers_a_mode = Q()
    for field in _MODE_FIELDS.values():
        offers_a_mode |= Q(**{f"practice__{field}": True})
    return (
        Q(role=Role.THERAPIST, is_active=True, clinic_verified_at__isnull=False, profile__published=True)
        & offers_a_mode
    )


def listed_therapists() -> QuerySet[User]:
    """Therapists clients can find: active, verified by their clinic, chose to be listed, offer a way to meet."""
    return User.objects.filter(_listed())


def _with_details(therapists: QuerySet[User]) -> QuerySet[User]:
    """Everything a directory card shows, in a fixed number of queries however many therapists."""
    return (
        therapists.select_related("profile", "practice")
        .prefetch_related("profile__languages", "profile__specialities")
        .annotate(
            lowest_fee=Case(
                When(
                    practice__sliding_scale=True,
                    practice__fee_min_pkr__isnull=False,
                    practice__fee_min_pkr__lt=F("practice__fee_pkr"),
                    then=F("practice__fee_min_pkr"),
                ),
                default=F("practice__fee_pkr"),
            ),
            free_hours=Exists(WeeklyHours.objects.filter(therapist=OuterRef("pk"), free=True)),
        )
        .order_by("display_name", "pk")
    )


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None
    gender: str | None = None
    mode: str | None = None
    fee_min: int | None = None
    fee_max: int | None = None
    free_only: bool = False
    speciality: str | None = None
    available_soon: bool = False  # has an open slot in the next 7 days


def therapist_search(*, filters: SearchFilters, now: datetime | None = None) -> QuerySet[User]:
    """Listed therapists matching every filter given, in name order.

    A fee range matches when it overlaps what the therapist takes, from their
    sliding-scale floor up to their full fee.
    """
    therapists = _with_details(listed_therapists())
    if filters.language:
        therapists = therapists.filter(profile__languages__code=filters.language)
    if filters.gender:
        therapists = therapists.filter(profile__gender=filters.gender)
    if filters.mode in _MODE_FIELDS:
        therapists = therapists.filter(**{f"practice__{_MODE_FIELDS[Mode(filters.mode)]}": True})
    if filters.fee_min is not None:
        therapists = therapists.filter(practice__fee_pkr__gte=filters.fee_min)
    if filters.fee_max is not None:
        therapists = therapists.filter(Q(lowest_fee__lte=filters.fee_max))  # Q: the stubs cannot see annotations
    if filters.free_only:
        therapists = therapists.filter(Q(lowest_fee=0) | Q(free_hours=True))
    if filters.speciality:
        therapists = therapists.filter(profile__specialities__slug=filters.speciality)
    if filters.available_soon:
        now = now or timezone.now()
        ids = scheduling.therapists_with_open_slots(
            therapist_ids=list(therapists.values_list("pk", flat=True)), start=now, end=now + SOON, mode=filters.mode
        )
        therapists = therapists.filter(pk__in=ids)
    return therapists


def _with_profile_page(therapists: QuerySet[User]) -> QuerySet[User]:
    return _with_details(therapists).prefetch_related(
        "profile__approaches",
        Prefetch("profile__bios", queryset=ProfileBio.objects.select_related("language")),
    )


def listed_therapist(*, therapist_id: int) -> User | None:
    """A listed therapist with all their profile page shows; None if missing or not listed."""
    return _with_profile_page(listed_therapists()).filter(pk=therapist_id).first()


def own_profile_preview(*, therapist: User) -> User | None:
    """The therapist's own profile as clients would see it, listed or not; None before it exists."""
    return _with_profile_page(User.objects.filter(pk=therapist.pk, profile__isnull=False)).first()


def own_profile(*, therapist: User) -> TherapistProfile | None:
    return (
        TherapistProfile.objects.filter(therapist=therapist)
        .prefetch_related("languages", "specialities", "approaches", "bios__language")
        .first()
    )


def spoken_bios(profile: TherapistProfile) -> list[ProfileBio]:
    """Bios in the languages the therapist (still) speaks, in the order of the language list."""
    spoken = {language.pk: language.position for language in profile.languages.all()}
    bios = [bio for bio in profile.bios.all() if bio.language_id in spoken and bio.text.strip()]
    return sorted(bios, key=lambda bio: (spoken[bio.language_id], bio.language_id))


def choose_bio(bios: Sequence[ProfileBio], *, language: str) -> ProfileBio | None:
    """The bio in the reader's language, else Urdu, else English, else the first one."""
    by_code = {bio.language.code: bio for bio in bios}
    for code in (language, *BIO_FALLBACK):
        if code in by_code:
            return by_code[code]
    return bios[0] if bios else None


def languages_without_bio(*, therapist: User) -> list[Language]:
    profile = own_profile(therapist=therapist)
    if profile is None:
        return []
    written = {bio.language_id for bio in spoken_bios(profile)}
    return [language for language in profile.languages.all() if language.pk not in written]


def profile_with_photo(*, therapist_id: int, viewer: User | None) -> TherapistProfile | None:
    """The profile whose photo may be shown: a listed therapist's, or the viewer's own."""
    own = viewer is not None and viewer.pk == therapist_id
    therapists = User.objects.filter(pk=therapist_id) if own else listed_therapists().filter(pk=therapist_id)
    return TherapistProfile.objects.filter(therapist__in=therapists).exclude(photo="").first()


def listing_gaps(*, therapist: User) -> list[str]:
    """Why clients cannot find this therapist yet, in words; empty when they are listed.

    It explains `listed_therapists()`; a test checks the two always agree.
    """
    gaps: list[str] = []
    if not therapist.is_active or not therapist.is_therapist:
        gaps.append(_("This account cannot be listed."))
    if therapist.clinic_verified_at is None:
        gaps.append(_("Your clinic has not verified you yet."))
    profile = TherapistProfile.objects.filter(therapist=therapist).first()
    if profile is None or not profile.published:
        gaps.append(_("You have not chosen to be listed."))
    practice = PracticeSettings.objects.filter(therapist=therapist).first()
    if practice is None or not practice.offered_modes():
        gaps.append(_("Your booking terms offer no way to meet yet: video, voice, text or in person."))
    return gaps


def client_therapist_ids(*, client: User) -> set[int]:
    """Therapists the client has (or had) appointments with; cancelled ones do not count."""
    return set(
        Appointment.objects.filter(client=client)
        .exclude(status=Status.CANCELLED)
        .values_list("therapist_id", flat=True)
        .distinct()
    )


def search_choices() -> tuple[list[Language], list[Speciality]]:
    return list(Language.objects.all()), list(Speciality.objects.all())


def _candidate(therapist: User) -> Candidate:
    profile, practice = therapist.profile, therapist.practice
    return Candidate(
        therapist_id=therapist.pk,
        name=therapist.display_name,
        gender=profile.gender,
        languages=frozenset(language.code for language in profile.languages.all()),
        modes=frozenset(str(mode) for mode in practice.offered_modes()),
        fee=practice.fee_pkr,
        lowest_fee=therapist.lowest_fee,  # type: ignore[attr-defined]  # annotated in _with_details
        free_hours=therapist.free_hours,  # type: ignore[attr-defined]
        specialities=frozenset(speciality.slug for speciality in profile.specialities.all()),
    )


@dataclass(frozen=True)
class MatchResult:
    therapist: User
    match: Match


def therapist_matches(*, preferences: Preferences, now: datetime | None = None, limit: int = 5) -> list[MatchResult]:
    """The listed therapists who fit the client's answers, best first (see dilasa.directory.matching)."""
    therapists = {t.pk: t for t in _with_details(listed_therapists())}
    candidates = [c for c in map(_candidate, therapists.values()) if eligible(c, preferences)]
    now = now or timezone.now()
    soon = scheduling.therapists_with_open_slots(
        therapist_ids=[c.therapist_id for c in candidates], start=now, end=now + SOON, mode=preferences.mode
    )
    candidates = [replace(c, has_times_soon=c.therapist_id in soon) for c in candidates]
    return [MatchResult(therapists[m.candidate.therapist_id], m) for m in rank(candidates, preferences)[:limit]]


def next_open_slot_for(*, therapist: User, now: datetime | None = None) -> Slot | None:
    now = now or timezone.now()
    horizon = timedelta(days=therapist.practice.horizon_days)
    return scheduling.next_open_slot(therapist_id=therapist.pk, after=now, until=now + horizon)
