"""Reminders 24 hours and 1 hour before an appointment (filled in by the reminders work)."""

from __future__ import annotations


def schedule_reminders(appointment_id: int) -> None:
    """Called after the commit that books (or moves) an appointment."""
