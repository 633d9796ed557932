"""Checked fetches: an appointment is visible to its client, its therapist and its clinic's admins only."""

from __future__ import annotations

from django.http import Http404

from dilasa.accounts.access import practising
from dilasa.accounts.models import Role, User
from dilasa.scheduling.models import Appointment
from dilasa.scheduling.selectors import in_care


def access_appointment(*, user: User, appointment_id: int) -> Appointment:
    """The appointment if `user` may see it; 404 for missing and forbidden alike."""
    appointment = (
        Appointment.objects.select_related("therapist", "client", "organisation").filter(pk=appointment_id).first()
    )
    if appointment is None:
        raise Http404
    if user.pk in (appointment.client_id, appointment.therapist_id):
        return appointment
    if user.role == Role.CLINIC_ADMIN and user.organisation_id == appointment.organisation_id:
        return appointment
    raise Http404


def access_bookable_therapist(*, therapist_id: int) -> User:
    """A therapist who takes bookings (verified by their clinic, active, with booking terms), else 404."""
    therapist = (
        User.objects.filter(
            pk=therapist_id,
            role=Role.THERAPIST,
            is_active=True,
            clinic_verified_at__isnull=False,
            practice__isnull=False,
        )
        .select_related("practice")
        .first()
    )
    if therapist is None:
        raise Http404
    return therapist


def access_client_in_care(*, user: User, client_id: int) -> User:
    """The client, if `user` is a practising therapist who has them in care now; else Http404."""
    if not practising(user):
        raise Http404
    client = User.objects.filter(pk=client_id, role=Role.CLIENT).first()
    if client is None or not in_care(therapist_id=user.pk, client_id=client.pk):
        raise Http404
    return client
