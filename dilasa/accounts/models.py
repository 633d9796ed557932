from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from dilasa.core.models import TimeStampedModel


class Role(models.TextChoices):
    CLIENT = "client", _("Client")
    THERAPIST = "therapist", _("Therapist")
    CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")


STAFF_ROLES = frozenset({Role.THERAPIST, Role.CLINIC_ADMIN})


class LoginKind(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")


def new_security_stamp() -> str:
    return secrets.token_hex(16)


class Organisation(TimeStampedModel):
    """A clinic: it owns its therapists and administrators."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    city = models.CharField(max_length=80, blank=True)

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(login=username)

    def create_user(self, login: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(login=login, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """Anyone who signs in. Clients need no real name: only a display name they choose."""

    login = models.CharField(_("email or phone"), max_length=254, unique=True)
    login_kind = models.CharField(max_length=5, choices=LoginKind.choices)
    display_name = models.CharField(_("display name"), max_length=60)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.CLIENT)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    language = models.CharField(max_length=8, blank=True, default="")
    # IANA name; clients abroad see times in their own zone, everything is stored in UTC.
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Karachi")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)  # owns the email or phone
    clinic_verified_at = models.DateTimeField(null=True, blank=True)  # therapist checked by the clinic
    clinic_verified_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Part of the session hash: rotating it ends every session of this user.
    security_stamp = models.CharField(max_length=32, default=new_security_stamp)
    # Discreet mode (clients; on unless they turn it off): neutral titles, a quick-exit button, Escape x3.
    discreet = models.BooleanField(_("discreet mode"), default=True)
    # Optional screen lock after inactivity: a hash of a 4-6 digit PIN (never the PIN), and the idle minutes.
    pin_hash = models.CharField(max_length=128, blank=True, default="")
    pin_idle_minutes = models.PositiveSmallIntegerField(default=5)
    pin_failures = models.PositiveSmallIntegerField(default=0)  # wrong PINs since the last right one
    # Simple mode (clients; off unless they choose it): larger text, fewer choices, plainer words.
    simple_mode = models.BooleanField(_("simple mode"), default=False)
    simple_mode_chosen_at = models.DateTimeField(null=True, blank=True)  # they answered the offer, yes or no
    guide_done_at = models.DateTimeField(null=True, blank=True)  # the first-run guide, finished or skipped

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "login"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="client") | models.Q(organisation__isnull=False),
                name="staff_belong_to_an_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.CLINIC_ADMIN

    if TYPE_CHECKING:

        def is_verified(self) -> bool:
            """Set on request.user by django_otp's OTPMiddleware: the second step is done."""
            ...

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django hashes only the password; adding the stamp lets logout end every session.
        key_salt = "dilasa.accounts.User.session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.security_stamp}", secret=secret, algorithm="sha256"
        ).hexdigest()


class Invitation(TimeStampedModel):
    """A clinic admin invites a therapist or another admin; only a hash of the token is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=12,
        choices=[(Role.THERAPIST.value, Role.THERAPIST.label), (Role.CLINIC_ADMIN.value, Role.CLINIC_ADMIN.label)],
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
