"""Thin views: the first-run guide (GET screens, POST to finish or skip) and the simple-mode switch."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.onboarding import selectors, services
from dilasa.onboarding.forms import SimpleModeForm

# The guide's screens, in order; each is a block of onboarding/guide.html.
SCREENS = ("session", "private", "connection", "help")
READ_ALOUD_LANG = {"ur": "ur-PK", "en": "en"}


@role_required(Role.CLIENT)
@never_cache
def guide(request: AuthenticatedHttpRequest, step: int = 1) -> HttpResponse:
    if not 1 <= step <= len(SCREENS):
        raise Http404
    context = {
        "guide_screen": SCREENS[step - 1],
        "step": step,
        "steps": len(SCREENS),
        "back": step - 1 if step > 1 else None,
        "next": step + 1 if step < len(SCREENS) else None,
        "suggest_simple": selectors.simple_mode_suggested(request.user),
        "read_aloud_lang": READ_ALOUD_LANG.get(get_language() or "en", get_language() or "en"),
    }
    return render(request, "onboarding/guide.html", context)


@role_required(Role.CLIENT)
@require_POST
def guide_done(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.guide_finish(user=request.user)
    return redirect("accounts:home")


@role_required(Role.CLIENT)
@require_POST
def simple_mode(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SimpleModeForm(request.POST)
    if form.is_valid():
        services.simple_mode_set(user=request.user, on=form.cleaned_data["simple"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("accounts:home")
    return HttpResponseRedirect(target)
