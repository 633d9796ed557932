"""Listed therapists for tests (this app's and the site-wide page budget)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from dilasa.accounts.models import Organisation, Role, User
from dilasa.directory.models import Gender, Language, ProfileBio, Speciality, TherapistProfile
from dilasa.scheduling import services as scheduling
from dilasa.scheduling.models import Mode, PracticeSettings
from dilasa.testing import make_clinic, make_user

ONLINE = (Mode.VIDEO, Mode.AUDIO, Mode.TEXT)


def give_profile(
    therapist: User,
    *,
    gender: str = Gender.WOMAN,
    languages: Iterable[str] = ("ur",),
    specialities: Iterable[str] = (),
    city: str = "Lahore",
    bios: dict[str, str] | None = None,
    published: bool = True,
) -> TherapistProfile:
    profile, _ = TherapistProfile.objects.update_or_create(
        therapist=therapist, defaults={"gender": gender, "city": city, "published": published}
    )
    codes = list(languages)
    profile.languages.set(Language.objects.filter(code__in=codes))
    profile.specialities.set(Speciality.objects.filter(slug__in=list(specialities)))
    texts = bios if bios is not None else {code: f"{therapist.display_name} bio ({code})." for code in codes}
    for code, text in texts.items():
        ProfileBio.objects.update_or_create(
            profile=profile, language=Language.objects.get(code=code), defaults={"text": text}
        )
    return profile


def give_practice(
    therapist: User,
    *,
    modes: Iterable[str] = ONLINE,
    fee: int = 2000,
    floor: int | None = None,
    open_every_day: bool = False,
    free_hours: bool = False,
) -> PracticeSettings:
    """Booking terms through scheduling's own services; hours 09:00-17:00 Karachi time every day if asked."""
    chosen = set(modes)
    practice = scheduling.practice_update(
        therapist=therapist,
        offers_video=Mode.VIDEO in chosen,
        offers_audio=Mode.AUDIO in chosen,
        offers_text=Mode.TEXT in chosen,
        offers_in_person=Mode.IN_PERSON in chosen,
        clinic_address="12 Mall Road, Lahore" if Mode.IN_PERSON in chosen else "",
        fee_pkr=fee,
        sliding_scale=floor is not None,
        fee_min_pkr=floor,
    )
    if open_every_day or free_hours:
        in_person = Mode.IN_PERSON in chosen
        rows = [
            scheduling.HoursRow(weekday=day, start=time(9), end=time(17), in_person=in_person, free=free_hours)
            for day in range(7)
        ]
        scheduling.weekly_hours_replace(therapist=therapist, rows=rows)
    return practice


def make_listed_therapist(
    login: str,
    *,
    display_name: str,
    organisation: Organisation | None = None,
    modes: Iterable[str] = ONLINE,
    fee: int = 2000,
    floor: int | None = None,
    open_every_day: bool = False,
    free_hours: bool = False,
    **profile: object,
) -> User:
    """A therapist clients can find: verified, published, with booking terms."""
    therapist = make_user(
        login, display_name=display_name, role=Role.THERAPIST, organisation=organisation or make_clinic()
    )
    give_profile(therapist, **profile)  # type: ignore[arg-type]
    give_practice(therapist, modes=modes, fee=fee, floor=floor, open_every_day=open_every_day, free_hours=free_hours)
    return therapist


def _png_1x1() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\x0f\x6b\x62"))
        + chunk(b"IEND", b"")
    )


PNG = _png_1x1()
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24
