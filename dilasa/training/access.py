"""Checked fetches: a module by its slug, and one therapist of the admin's own clinic (404 otherwise)."""

from __future__ import annotations

from django.http import Http404

from dilasa.accounts.access import access_clinic_member
from dilasa.accounts.models import User
from dilasa.training.catalogue import Module, module


def access_module(slug: str) -> Module:
    found = module(slug)
    if found is None:
        raise Http404
    return found


def access_clinic_therapist(*, admin: User, user_id: int) -> User:
    """A therapist of the admin's own clinic; "not found" for anyone else, missing or forbidden alike."""
    member = access_clinic_member(admin=admin, user_id=user_id)
    if not member.is_therapist:
        raise Http404
    return member
