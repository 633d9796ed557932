"""Reads: a therapist's own progress; a clinic's therapists × modules (that clinic's people only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dilasa.accounts.models import Role, User
from dilasa.training.catalogue import Module, modules
from dilasa.training.models import Completion


@dataclass(frozen=True)
class Status:
    module: Module
    completed_at: datetime | None  # the latest completion of any version
    current: bool  # that completion is of the module as it reads now

    @property
    def updated_since(self) -> bool:
        return self.completed_at is not None and not self.current


def _latest(completions: Iterable[Completion]) -> dict[tuple[int, str], Completion]:
    latest: dict[tuple[int, str], Completion] = {}
    for c in completions:
        key = (c.user_id, c.module)
        if key not in latest or c.completed_at > latest[key].completed_at:
            latest[key] = c
    return latest


def _status(module: Module, completion: Completion | None) -> Status:
    if completion is None:
        return Status(module=module, completed_at=None, current=False)
    return Status(module=module, completed_at=completion.completed_at, current=completion.version == module.version)


def status_of(*, user: User, module: Module) -> Status:
    latest = _latest(Completion.objects.filter(user=user, module=module.slug))
    return _status(module, latest.get((user.pk, module.slug)))


def progress_of(user: User) -> list[Status]:
    latest = _latest(Completion.objects.filter(user=user))
    return [_status(m, latest.get((user.pk, m.slug))) for m in modules()]


@dataclass(frozen=True)
class Member:
    therapist: User
    statuses: list[Status]

    @property
    def done(self) -> int:
        return sum(s.current for s in self.statuses)


def clinic_progress(*, admin: User) -> list[Member]:
    """Every therapist of the admin's own clinic, with each module's status; nobody else's."""
    if not admin.is_clinic_admin or admin.organisation_id is None:
        return []
    therapists = list(
        User.objects.filter(organisation_id=admin.organisation_id, role=Role.THERAPIST).order_by("display_name", "pk")
    )
    latest = _latest(Completion.objects.filter(user__in=therapists))
    return [Member(t, [_status(m, latest.get((t.pk, m.slug))) for m in modules()]) for t in therapists]
