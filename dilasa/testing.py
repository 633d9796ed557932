"""Personas for tests. Sana and Bilal work at Sukoon; Omar runs another clinic and must never reach them."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dilasa.accounts.models import LoginKind, Organisation, Role, User

PASSWORD = "a calm lake at dawn"  # noqa: S105 - test persona


def make_clinic(slug: str = "sukoon", name: str = "Sukoon Centre") -> Organisation:
    return Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "city": "Rawalpindi"})[0]


def make_user(
    login: str,
    *,
    display_name: str,
    role: Role = Role.CLIENT,
    organisation: Organisation | None = None,
    kind: LoginKind = LoginKind.EMAIL,
    language: str = "",
    verified_therapist: bool = True,
) -> User:
    user = User.objects.create_user(
        login=login,
        password=PASSWORD,
        login_kind=kind,
        display_name=display_name,
        role=role,
        organisation=organisation,
        language=language,
        verified_at=timezone.now(),
    )
    if role == Role.THERAPIST and verified_therapist:
        user.clinic_verified_at = timezone.now()
        user.save(update_fields=["clinic_verified_at"])
    return user


def add_authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_totp(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in_client(user: User) -> Client:
    """A browser session signed in as `user`, with the second step done for staff."""
    client = Client()
    client.force_login(user, backend="dilasa.accounts.backends.LoginIdentifierBackend")
    if user.is_staff_role:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_authenticator(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def run_together(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released at the same instant; return each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = calls[i]()
        except Exception as error:  # noqa: BLE001 - the caller inspects every outcome
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
