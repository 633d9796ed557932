"""Reads for scheduling: open slots, calendars, a person's appointments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from dilasa.scheduling.slots import Slot, open_slots


def therapists_with_open_slots(
    *, therapist_ids: Iterable[int], start: datetime, end: datetime, mode: str | None = None
) -> set[int]:
    """The therapists among `therapist_ids` with at least one bookable slot in [start, end) (in `mode` if given)."""
    found: set[int] = set()
    for therapist_id in therapist_ids:
        if any(
            mode is None or mode in slot.modes for slot in open_slots(therapist_id=therapist_id, start=start, end=end)
        ):
            found.add(therapist_id)
    return found


def next_open_slot(*, therapist_id: int, after: datetime, until: datetime, mode: str | None = None) -> Slot | None:
    for slot in open_slots(therapist_id=therapist_id, start=after, end=until):
        if mode is None or mode in slot.modes:
            return slot
    return None
