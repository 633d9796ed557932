"""Demo people for a newcomer's machine. Never for production: the secrets are public."""

from __future__ import annotations

import hashlib
from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dilasa.accounts.models import LoginKind, Organisation, Role, User
from dilasa.accounts.two_factor import RECOVERY_DEVICE_NAME

DEMO_PASSWORD = "quiet-river-morning"  # noqa: S105 - public by design, refused in production


@dataclass(frozen=True)
class DemoPerson:
    key: str
    login: str
    kind: LoginKind
    display_name: str
    role: Role
    language: str


CLINIC = {"slug": "sukoon-rawalpindi", "name": "Sukoon Counselling Centre", "city": "Rawalpindi"}

PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("admin_farah", "farah.admin@dilasa.example", LoginKind.EMAIL, "Farah Malik", Role.CLINIC_ADMIN, "en"),
    DemoPerson("therapist_sana", "sana@dilasa.example", LoginKind.EMAIL, "Dr Sana Qureshi", Role.THERAPIST, "ur"),
    DemoPerson("therapist_bilal", "bilal@dilasa.example", LoginKind.EMAIL, "Bilal Soomro", Role.THERAPIST, "sd"),
    DemoPerson("client_ayesha", "ayesha@dilasa.example", LoginKind.EMAIL, "Ayesha", Role.CLIENT, "ur"),
    DemoPerson("client_kamran", "+923001234567", LoginKind.PHONE, "K.", Role.CLIENT, "pnb"),
    DemoPerson("client_gul", "+923451234567", LoginKind.PHONE, "Gul", Role.CLIENT, "ps"),
)


def demo_totp_key(login: str) -> bytes:
    return hashlib.sha256(f"dilasa-demo-totp:{login}".encode()).digest()[:20]


def demo_recovery_codes(person_key: str) -> list[str]:
    digest = hashlib.sha256(f"dilasa-demo-recovery:{person_key}".encode()).hexdigest()
    return [digest[i : i + 8] for i in range(0, 24, 8)]


def seed() -> list[tuple[DemoPerson, User]]:
    """Create or refresh the demo clinic and people; running it twice changes nothing more."""
    result: list[tuple[DemoPerson, User]] = []
    with transaction.atomic():
        clinic, _ = Organisation.objects.update_or_create(
            slug=CLINIC["slug"], defaults={"name": CLINIC["name"], "city": CLINIC["city"]}
        )
        admin: User | None = None
        for person in PEOPLE:
            user = User.objects.filter(login=person.login).first() or User(login=person.login)
            user.login_kind = person.kind
            user.display_name = person.display_name
            user.role = person.role
            user.language = person.language
            user.organisation = None if person.role == Role.CLIENT else clinic
            user.is_active = True
            user.verified_at = user.verified_at or timezone.now()
            user.set_password(DEMO_PASSWORD)
            if person.role == Role.THERAPIST and admin is not None:
                user.clinic_verified_at = user.clinic_verified_at or timezone.now()
                user.clinic_verified_by = admin
            user.save()
            if person.role == Role.CLINIC_ADMIN:
                admin = user
            if person.role != Role.CLIENT:
                _seed_two_factor(person, user)
            result.append((person, user))
    return result


def _seed_two_factor(person: DemoPerson, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="authenticator", key=demo_totp_key(user.login).hex(), confirmed=True)
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in demo_recovery_codes(person.key))


def totp_secret_base32(login: str) -> str:
    return b32encode(demo_totp_key(login)).decode().rstrip("=")


def current_code(login: str) -> str:
    return f"{totp(demo_totp_key(login)):06d}"
