"""Thin views for the directory.

Anyone may browse /find/, signed in or not: people look before they join, and
a stranger learns nothing private here (only what therapists chose to publish).
Booking needs an account; that is scheduling's page. Everything a therapist
edits is their own, reached through request.user, never through an id.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role, User
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import local_date, local_time
from dilasa.directory import selectors, services
from dilasa.directory.forms import MatchForm, ProfileForm, SearchForm
from dilasa.scheduling.models import CLINIC_TIME_ZONE

PER_PAGE = 10


def _viewer(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _url_or_none(name: str, **kwargs: int) -> str | None:
    """Scheduling's pages, when they are wired; the directory still works without them."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _next_time(therapist: User, viewer: User | None) -> str | None:
    """When the therapist's next open slot starts, in the viewer's time zone (Pakistan time for visitors)."""
    slot = selectors.next_open_slot_for(therapist=therapist)
    if slot is None:
        return None
    try:
        zone = ZoneInfo(viewer.time_zone if viewer else CLINIC_TIME_ZONE)
    except (ValueError, ZoneInfoNotFoundError):
        zone = ZoneInfo(CLINIC_TIME_ZONE)
    with timezone.override(zone):
        # Translators: a day and a time, e.g. "Friday, 27 November 2026, 4:00 pm".
        return _("%(day)s, %(time)s") % {"day": local_date(slot.start, "full"), "time": local_time(slot.start)}


def _profile_context(request: HttpRequest, therapist: User, *, preview: bool) -> dict[str, Any]:
    viewer = _viewer(request)
    profile = therapist.profile
    practice = getattr(therapist, "practice", None)
    bios = selectors.spoken_bios(profile)
    bio = selectors.choose_bio(bios, language=get_language() or "en")
    can_book = not preview and (viewer is None or viewer.is_client)
    others = selectors.client_therapist_ids(client=viewer) - {therapist.pk} if viewer and viewer.is_client else set()
    return {
        "t": therapist,
        "profile": profile,
        "practice": practice,
        "bio": bio,
        "other_bios": [b for b in bios if b is not bio],
        "next_time": _next_time(therapist, viewer) if practice else None,
        "book_url": _url_or_none("scheduling:book", therapist_id=therapist.pk) if can_book else None,
        "sees_another": bool(others),
        "preview": preview,
    }


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    languages, specialities = selectors.search_choices()
    form = SearchForm(request.GET, languages=languages, specialities=specialities)
    page = None
    if form.is_valid():
        results = selectors.therapist_search(filters=form.filters())
        page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "directory/search.html", {"form": form, "page": page})


@require_safe
def therapist(request: HttpRequest, therapist_id: int) -> HttpResponse:
    found = selectors.listed_therapist(therapist_id=therapist_id)
    if found is None:
        raise Http404
    return render(request, "directory/therapist.html", _profile_context(request, found, preview=False))


@require_safe
def photo(request: HttpRequest, therapist_id: int) -> HttpResponse:
    profile = selectors.profile_with_photo(therapist_id=therapist_id, viewer=_viewer(request))
    if profile is None:
        raise Http404
    with profile.photo.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=profile.photo_type)
    response["Cache-Control"] = "private, max-age=86400"  # the URL changes with the photo
    return response


@never_cache  # the answers are private: no copy in any cache
@require_http_methods(["GET", "POST"])
def match(request: HttpRequest) -> HttpResponse:
    """The questionnaire is POSTed, so what brings someone here never lands in an address bar or history."""
    languages, specialities = selectors.search_choices()
    language = get_language() or ""
    # Reading Urdu, Sindhi, Punjabi or Pashto hints at the language to talk in; reading English often does not.
    initial = {"language": language} if language != "en" and any(x.code == language for x in languages) else {}
    data = request.POST if request.method == "POST" else None
    form = MatchForm(data, languages=languages, specialities=specialities, initial=initial)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.therapist_matches(preferences=form.preferences())
    return render(request, "directory/match.html", {"form": form, "results": results})


@role_required(Role.THERAPIST)
@never_cache
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    therapist = request.user
    profile = selectors.own_profile(therapist=therapist)
    form = ProfileForm(request.POST or None, request.FILES or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(
                therapist=therapist,
                gender=data["gender"],
                languages=list(data["languages"]),
                specialities=list(data["specialities"]),
                approaches=list(data["approaches"]),
                city=data["city"],
                province=data["province"],
                qualifications=data["qualifications"],
                bios=form.bios(),
                published=data["published"],
            )
            if data["photo"]:
                services.profile_set_photo(therapist=therapist, data=data["photo"])
            elif data.get("remove_photo"):
                services.profile_remove_photo(therapist=therapist)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            if selectors.languages_without_bio(therapist=therapist):
                messages.info(request, _("Add a short bio in each language you ticked."))
            return redirect("directory:profile_edit")
    context = {
        "form": form,
        "gaps": selectors.listing_gaps(therapist=therapist),
        "practice": getattr(therapist, "practice", None),
        "hours_url": _url_or_none("scheduling:hours"),
    }
    return render(request, "directory/profile_edit.html", context)


@role_required(Role.THERAPIST)
@never_cache
def profile_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    therapist = selectors.own_profile_preview(therapist=request.user)
    if therapist is None:
        messages.info(request, _("Fill in your profile first; then you can preview it."))
        return redirect("directory:profile_edit")
    context = _profile_context(request, therapist, preview=True)
    context["gaps"] = selectors.listing_gaps(therapist=request.user)
    return render(request, "directory/therapist.html", context)
