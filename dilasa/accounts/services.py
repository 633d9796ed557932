"""Writes for accounts: signup, verification, invitations, sign-out, language.

Every function is keyword-only, validates, and saves inside a transaction.
Responses that could reveal whether an account exists are decided in the
views; services make both branches send a message and take comparable time.
"""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from dilasa.accounts.identifiers import Identifier
from dilasa.accounts.models import Invitation, LoginKind, Organisation, Role, User, new_security_stamp
from dilasa.core.languages import supported
from dilasa.core.notify import notify, site_link

SIGNUP_SALT = "dilasa.accounts.signup"
SIGNUP_MAX_AGE = timedelta(days=3)
INVITATION_LIFETIME = timedelta(days=7)


def _send(user_or_login: User | Identifier, template: str, context: dict[str, Any]) -> None:
    """Render a notice in the reader's language and queue it to their email or phone."""
    if isinstance(user_or_login, User):
        kind, to, language = user_or_login.login_kind, user_or_login.login, user_or_login.language
    else:
        kind, to, language = user_or_login.kind, user_or_login.value, ""
    with translation.override(supported(language) or translation.get_language() or settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"accounts/notices/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/notices/{template}_body.txt", context).strip()
    notify(channel=str(kind), to=to, subject=subject, body=body)


def _signup_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": user.security_stamp}, salt=SIGNUP_SALT)


def client_signup(*, display_name: str, identifier: Identifier, password: str, language: str) -> None:
    """Start a client account. Says nothing about whether the identifier was known."""
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(login=identifier.value).first()
        if existing is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        login=identifier.value,
                        password=password,
                        login_kind=identifier.kind,
                        display_name=display_name,
                        role=Role.CLIENT,
                        language=supported(language) or "",
                        is_active=False,
                    )
            except IntegrityError:  # a concurrent signup won the race
                make_password(password)
                return
            transaction.on_commit(lambda: _send_verification(user))
            return
        if existing.verified_at is None and existing.role == Role.CLIENT:
            # Whoever controls the inbox or phone finishes the signup, with their own password.
            existing.set_password(password)
            existing.display_name = display_name
            existing.language = supported(language) or existing.language
            existing.security_stamp = new_security_stamp()
            existing.save()
            transaction.on_commit(lambda: _send_verification(existing))
            return
        make_password(password)  # same work as the other branches
        transaction.on_commit(lambda: _send(existing, "account_exists", {"user": existing}))


def _send_verification(user: User) -> None:
    link = site_link(reverse("accounts:signup_verify", kwargs={"token": _signup_token(user)}))
    _send(user, "verify", {"user": user, "link": link})


def signup_verify(*, token: str) -> User | None:
    """Activate the account a signup link names; None if the link is bad, old or used."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.BadSignature:
        return None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("u"), verified_at__isnull=True).first()
        if user is None or not secrets.compare_digest(user.security_stamp, str(data.get("s", ""))):
            return None
        user.is_active = True
        user.verified_at = timezone.now()
        user.security_stamp = new_security_stamp()
        user.save(update_fields=["is_active", "verified_at", "security_stamp"])
    return user


def password_reset_request(*, identifier: Identifier) -> None:
    """Send a reset link if an active account has this identifier; silent otherwise."""
    user = User.objects.filter(login=identifier.value, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_link(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    _send(user, "password_reset", {"user": user, "link": link})


def user_sign_out_everywhere(*, user: User) -> None:
    """Rotate the security stamp: every session of this user stops being valid."""
    User.objects.filter(pk=user.pk).update(security_stamp=new_security_stamp())


def user_set_language(*, user: User, language: str) -> None:
    code = supported(language)
    if code is None:
        raise ValidationError(_("Choose one of the languages offered."), code="invalid_language")
    User.objects.filter(pk=user.pk).update(language=code)
    user.language = code


def user_update_profile(*, user: User, display_name: str, time_zone: str) -> None:
    if time_zone not in available_time_zones():
        raise ValidationError(
            {"time_zone": _("We do not know the time zone “%(zone)s”. Choose one from the list.") % {"zone": time_zone}}
        )
    user.display_name = display_name
    user.time_zone = time_zone
    user.save(update_fields=["display_name", "time_zone"])


@cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, admin: User, email: str, role: str) -> tuple[Invitation, str]:
    """Create an invitation and email its link; returns the invitation and its one-time token."""
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise ValidationError(_("Only a clinic administrator can invite."), code="forbidden")
    if role not in (Role.THERAPIST, Role.CLINIC_ADMIN):
        raise ValidationError(_("Choose therapist or clinic administrator."), code="invalid_role")
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation_id=admin.organisation_id,
            email=email,
            role=role,
            token_hash=_token_hash(token),
            invited_by=admin,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        link = site_link(reverse("accounts:invitation_accept", kwargs={"token": token}))
        organisation = admin.organisation
        transaction.on_commit(
            lambda: _send(
                Identifier(LoginKind.EMAIL, email),
                "invitation",
                {"organisation": organisation, "link": link},
            )
        )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("organisation").filter(token_hash=_token_hash(token)).first()
    return invitation if invitation is not None and invitation.is_open else None


def invitation_accept(*, token: str, display_name: str, password: str, language: str) -> User:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=_token_hash(token)).first()
        if invitation is None or not invitation.is_open:
            raise ValidationError(_("This invitation has expired or was already used."), code="invitation_closed")
        if User.objects.filter(login=invitation.email).exists():
            raise ValidationError(
                _("An account already uses this email address. Ask your clinic to invite another address."),
                code="login_taken",
            )
        user = User.objects.create_user(
            login=invitation.email,
            password=password,
            login_kind=LoginKind.EMAIL,
            display_name=display_name,
            role=invitation.role,
            organisation=invitation.organisation,
            language=supported(language) or "",
            verified_at=timezone.now(),  # the emailed token proves the address
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


def therapist_set_verified(*, admin: User, therapist: User, verified: bool) -> None:
    """A clinic admin vouches for (or withdraws) a therapist of their own clinic."""
    if not admin.is_clinic_admin or therapist.organisation_id != admin.organisation_id or not therapist.is_therapist:
        raise ValidationError(_("You can only verify therapists of your own clinic."), code="forbidden")
    therapist.clinic_verified_at = timezone.now() if verified else None
    therapist.clinic_verified_by = admin if verified else None
    therapist.save(update_fields=["clinic_verified_at", "clinic_verified_by"])


def organisation_create(*, name: str, slug: str, city: str = "") -> Organisation:
    return Organisation.objects.create(name=name, slug=slug, city=city)
