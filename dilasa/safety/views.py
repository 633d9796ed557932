"""Thin views of the crisis pathway: the help page (anyone, also offline), the "I need help now" button,
the flags staff must acknowledge, a clinic's own lines and on-call admin, and the service worker."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Organisation, Role, User
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.safety import access, selectors, services
from dilasa.safety.forms import AcknowledgeForm, HelplineForm, OnCallForm
from dilasa.safety.helplines import national_lines, oldest_check
from dilasa.safety.models import ClinicHelpline, FlagSource

# The service worker asks for the help page with this header: the copy it keeps for offline use is the one
# anyone would see (no name, no form), in the reader's language.
OFFLINE_COPY_HEADER = "HTTP_X_DILASA_COPY"


@require_GET
@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    offline_copy = request.META.get(OFFLINE_COPY_HEADER) == "offline"
    if offline_copy:
        request.user = AnonymousUser()
    user = request.user
    is_client = isinstance(user, User) and user.is_authenticated and user.is_client
    context = {
        "lines": national_lines(),
        "checked_on": oldest_check(),
        "clinic_lines": selectors.client_helplines(client=user) if is_client and isinstance(user, User) else [],
        "open_help": selectors.open_help_flag(client=user) if is_client and isinstance(user, User) else None,
        "offline_copy": offline_copy,
    }
    response = render(request, "safety/crisis.html", context)
    response["Content-Language"] = get_language() or ""
    return response


@require_POST
@never_cache
def help_now(request: HttpRequest) -> HttpResponse:
    """Raise a flag for the signed-in client's care team, then show the help page at once."""
    user = request.user
    if not user.is_authenticated:
        return redirect("safety:crisis")
    if not isinstance(user, User) or not user.is_client:
        raise PermissionDenied
    services.raise_flag(client=user, source=FlagSource.HELP_BUTTON, raised_by=user)
    if selectors.flag_recipients_exist(client_id=user.pk):
        messages.success(request, _("Your therapist and your clinic have been told. Someone will contact you."))
    else:
        messages.warning(request, _("You have no therapist yet, so nobody has been told. Please call a number below."))
    return redirect("safety:crisis")


@role_required(Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def flags(request: AuthenticatedHttpRequest) -> HttpResponse:
    open_flags = list(selectors.open_flags_for(user=request.user))
    access.audit_flag_list(user=request.user, flags=open_flags)
    recent = list(selectors.acknowledged_flags_for(user=request.user)[:20])
    return render(request, "safety/flags.html", {"open_flags": open_flags, "recent": recent})


@role_required(Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def flag(request: AuthenticatedHttpRequest, flag_id: int) -> HttpResponse:
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access.acknowledge_flag(
                user=request.user,
                flag_id=flag_id,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Acknowledged. Thank you."))
            return redirect("safety:flags")
    item = access.access_flag(user=request.user, flag_id=flag_id)
    context = {"flag": item, "form": form, "note": services.flag_note(item), "detail": services.flag_detail(item)}
    return render(request, "safety/flag.html", context, status=400 if form.errors else 200)


def _admin_clinic(request: AuthenticatedHttpRequest) -> Organisation:
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    return organisation


@role_required(Role.CLINIC_ADMIN)
@never_cache
def clinic_lines(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _admin_clinic(request)
    form = HelplineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.clinic_helpline_add(organisation=organisation, added_by=request.user, **form.cleaned_data)
        messages.success(request, _("Line added. Your clients see it on the help page."))
        return redirect("safety:clinic_lines")
    admins = list(selectors.clinic_admins(organisation_id=organisation.pk).order_by("display_name"))
    chosen = selectors.chosen_on_call(organisation_id=organisation.pk)
    on_call_form = OnCallForm(
        initial={"admin": chosen.pk if chosen else ""}, admins=[(a.pk, a.display_name) for a in admins]
    )
    context = {
        "form": form,
        "lines": selectors.organisation_helplines(organisation=organisation),
        "national": national_lines(),
        "on_call_form": on_call_form,
        "on_call": selectors.on_call_admins(organisation_id=organisation.pk),
    }
    return render(request, "safety/clinic_lines.html", context, status=400 if form.errors else 200)


@role_required(Role.CLINIC_ADMIN)
@require_POST
@never_cache
def clinic_line_remove(request: AuthenticatedHttpRequest, line_id: int) -> HttpResponse:
    organisation = _admin_clinic(request)
    line = ClinicHelpline.objects.filter(pk=line_id, organisation=organisation).first()
    if line is None:
        raise Http404
    services.clinic_helpline_remove(line=line)
    messages.success(request, _("Line removed."))
    return redirect("safety:clinic_lines")


@role_required(Role.CLINIC_ADMIN)
@require_POST
@never_cache
def on_call(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _admin_clinic(request)
    admins = list(selectors.clinic_admins(organisation_id=organisation.pk))
    form = OnCallForm(request.POST, admins=[(a.pk, a.display_name) for a in admins])
    if not form.is_valid():
        messages.error(request, _("Choose one of this clinic's administrators."))
        return redirect("safety:clinic_lines")
    chosen = next((a for a in admins if a.pk == form.cleaned_data["admin"]), None)
    services.on_call_set(organisation=organisation, admin=chosen, chosen_by=request.user)
    messages.success(request, _("Saved."))
    return redirect("safety:clinic_lines")


def _sw_assets() -> list[str]:
    return [static("css/app.css"), static("safety/register.js"), static("img/icon.svg")]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site root so its scope covers the help page. Its bytes change whenever the assets'
    hashed names or the worker itself change, so browsers install the new one and refresh the copy."""
    assets = _sw_assets()
    body = str(render_to_string("safety/sw.js", {"assets": assets, "page": reverse("safety:crisis")}))
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace("__VERSION__", version)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
