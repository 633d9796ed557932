"""The one checked way to a flag: who may open and acknowledge which, audited.

A flag about a client is for their care team (therapists with the client in their care) and the admins of
the clinics those therapists belong to. Anyone else, and a flag that does not exist, get the same 404.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from dilasa.accounts.models import Role, User
from dilasa.audit.models import Action, Purpose
from dilasa.audit.services import record, record_once
from dilasa.safety import services
from dilasa.safety.models import Flag
from dilasa.safety.selectors import may_see_flags_of


def _purpose(user: User) -> Purpose:
    return Purpose.CARE if user.role == Role.THERAPIST else Purpose.ADMINISTRATION


def _checked(*, user: User, flag_id: int) -> Flag:
    flag = Flag.objects.select_related("client", "acknowledged_by").filter(pk=flag_id).first()
    if flag is None or not may_see_flags_of(user=user, client_id=flag.client_id):
        raise Http404
    return flag


def access_flag(*, user: User, flag_id: int) -> Flag:
    """Open one flag (audited READ), or 404 for missing and forbidden alike."""
    with transaction.atomic():
        flag = _checked(user=user, flag_id=flag_id)
        record(
            actor=user,
            subject_id=flag.client_id,
            action=Action.READ,
            target=services.flag_target(flag),
            purpose=_purpose(user),
        )
    return flag


def audit_flag_list(*, user: User, flags: list[Flag]) -> None:
    """The list names each open flag's client: one READ per person and flag (record_once), not per refresh."""
    with transaction.atomic():
        for flag in flags:
            record_once(
                actor=user,
                subject_id=flag.client_id,
                action=Action.READ,
                target=services.flag_target(flag),
                purpose=_purpose(user),
            )


def acknowledge_flag(*, user: User, flag_id: int, action: str, note: str = "") -> Flag:
    """Acknowledge a flag `user` may see (audited WRITE, in the same transaction); 404 otherwise."""
    with transaction.atomic():
        flag = _checked(user=user, flag_id=flag_id)
        done = services.flag_acknowledge(flag=flag, user=user, action=action, note=note)
        record(
            actor=user,
            subject_id=flag.client_id,
            action=Action.WRITE,
            target=services.flag_target(flag),
            purpose=_purpose(user),
        )
    return done
