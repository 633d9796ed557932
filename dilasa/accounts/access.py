"""Role checks for views, and the checked fetch of another account.

A clinic admin reaches only the people of their own clinic; for anything else
the answer is "not found", the same as for an account that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from dilasa.accounts.models import Role, User

P = ParamSpec("P")
View = Callable[..., HttpResponse]


def role_required(*roles: Role) -> Callable[[View], View]:
    """Signed in, and in one of these roles; otherwise the login page or 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not isinstance(user, User) or user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def access_clinic_member(*, admin: User, user_id: int) -> User:
    """A member of the admin's own clinic, or 404 for missing and forbidden alike."""
    if not admin.is_clinic_admin or admin.organisation_id is None:
        raise Http404
    member = User.objects.filter(pk=user_id, organisation_id=admin.organisation_id).first()
    if member is None:
        raise Http404
    return member


def practising(user: object) -> bool:
    """A therapist who may practise now: signed in, active, and verified by their clinic."""
    return (
        isinstance(user, User)
        and user.is_active
        and user.role == Role.THERAPIST
        and user.clinic_verified_at is not None
    )
