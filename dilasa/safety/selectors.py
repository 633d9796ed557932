"""Reads of the crisis pathway: who must see a flag, which flags a person sees, a clinic's on-call admins."""

from __future__ import annotations

from django.db.models import QuerySet

from dilasa.accounts.models import Organisation, Role, User
from dilasa.safety.models import ClinicHelpline, Flag, OnCall
from dilasa.scheduling.models import Appointment
from dilasa.scheduling.selectors import CARE_STATUSES, care_team, clinic_clients


def clinic_admins(*, organisation_id: int) -> QuerySet[User]:
    return User.objects.filter(organisation_id=organisation_id, role=Role.CLINIC_ADMIN, is_active=True)


def on_call_admins(*, organisation_id: int) -> list[User]:
    """The clinic's named on-call admin if it has one (still an active admin there), else all its admins."""
    chosen = OnCall.objects.filter(organisation_id=organisation_id).select_related("admin").first()
    if chosen is not None:
        admin = chosen.admin
        if admin.is_active and admin.role == Role.CLINIC_ADMIN and admin.organisation_id == organisation_id:
            return [admin]
    return list(clinic_admins(organisation_id=organisation_id).order_by("pk"))


def client_clinic_ids(*, client_id: int) -> list[int]:
    """The clinics whose therapists have this client in their care."""
    ids = {t.organisation_id for t in care_team(client_id=client_id) if t.organisation_id is not None}
    return sorted(ids)


def flag_recipients(flag: Flag, *, widen: bool = False) -> list[User]:
    """The people a flag is for: the client's care team and each of their clinics' on-call admins
    (every admin of those clinics when `widen`)."""
    people: dict[int, User] = {t.pk: t for t in care_team(client_id=flag.client_id)}
    for organisation_id in client_clinic_ids(client_id=flag.client_id):
        admins = (
            list(clinic_admins(organisation_id=organisation_id))
            if widen
            else on_call_admins(organisation_id=organisation_id)
        )
        people.update({a.pk: a for a in admins})
    return sorted(people.values(), key=lambda u: u.pk)


def may_see_flags_of(*, user: User, client_id: int) -> bool:
    """Is `user` one of the people flags about `client_id` are for? Any admin of the client's clinics may
    look (the on-call one is only who is told first)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.THERAPIST:
        return care_team(client_id=client_id).filter(pk=user.pk).exists()
    if user.role == Role.CLINIC_ADMIN and user.organisation_id is not None:
        return clinic_clients(organisation_id=user.organisation_id).filter(pk=client_id).exists()
    return False


def flags_for(*, user: User) -> QuerySet[Flag]:
    """The flags `user` sees: about clients in their care (therapist) or of their clinic (admin)."""
    if user.role == Role.THERAPIST:
        in_their_care = Appointment.objects.filter(therapist=user, status__in=CARE_STATUSES).values("client_id")
        return Flag.objects.filter(client_id__in=in_their_care)
    if user.role == Role.CLINIC_ADMIN and user.organisation_id is not None:
        return Flag.objects.filter(client__in=clinic_clients(organisation_id=user.organisation_id))
    return Flag.objects.none()


def open_flags_for(*, user: User) -> QuerySet[Flag]:
    return flags_for(user=user).filter(acknowledged_at__isnull=True).select_related("client").order_by("raised_at")


def open_flag_count(*, user: User) -> int:
    if not user.is_authenticated or user.role not in (Role.THERAPIST, Role.CLINIC_ADMIN):
        return 0
    return open_flags_for(user=user).count()


def client_helplines(*, client: User) -> QuerySet[ClinicHelpline]:
    """The lines the clinics caring for `client` added."""
    clinics = client_clinic_ids(client_id=client.pk)
    return ClinicHelpline.objects.filter(organisation_id__in=clinics).order_by("organisation_id", "created_at", "pk")


def organisation_helplines(*, organisation: Organisation) -> QuerySet[ClinicHelpline]:
    return ClinicHelpline.objects.filter(organisation=organisation)


def flag_recipients_exist(*, client_id: int) -> bool:
    return care_team(client_id=client_id).exists()


def open_help_flag(*, client: User) -> Flag | None:
    """The client's own open "I need help now", if any: the help page tells them whether it was seen."""
    return (
        Flag.objects.filter(client=client, source="help_button", acknowledged_at__isnull=True)
        .order_by("-raised_at")
        .first()
    )


def acknowledged_flags_for(*, user: User) -> QuerySet[Flag]:
    return (
        flags_for(user=user)
        .filter(acknowledged_at__isnull=False)
        .select_related("client", "acknowledged_by")
        .order_by("-acknowledged_at")
    )


def chosen_on_call(*, organisation_id: int) -> User | None:
    chosen = OnCall.objects.filter(organisation_id=organisation_id).select_related("admin").first()
    return chosen.admin if chosen is not None else None
