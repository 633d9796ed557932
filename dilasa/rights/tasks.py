"""Background tasks of data rights. Arguments are ids only."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from dilasa.rights import services


@task()
def erase_when_due(*, request_id: int) -> int:
    """Erase the account of one request if its grace period has ended (a cancelled request does nothing)."""
    return services.erase_account(request_id=request_id, now=timezone.now())
