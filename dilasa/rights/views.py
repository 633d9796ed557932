"""Thin views: the client's data page (download, close the account), the cancel link, the clinic's rule."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.rights import services
from dilasa.rights.access import confirm_password
from dilasa.rights.forms import CancelForm, EraseForm, ExportForm, RetentionForm
from dilasa.rights.models import RetentionRule


def _page(request: AuthenticatedHttpRequest, export: ExportForm, erase: EraseForm, status: int = 200) -> HttpResponse:
    context = {"export_form": export, "erase_form": erase, "grace_days": services.grace_period().days}
    return render(request, "rights/mine.html", context, status=status)


@role_required(Role.CLIENT)
@never_cache
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, ExportForm(), EraseForm())


@role_required(Role.CLIENT)
@require_POST
@sensitive_post_parameters("password")
@never_cache
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ExportForm(request.POST)
    if form.is_valid():
        try:
            confirm_password(request, user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
    if not form.is_valid():
        return _page(request, form, EraseForm(), status=400)
    data = services.client_export(client=request.user)
    if form.cleaned_data["format"] == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="dilasa-{timezone.now():%Y-%m-%d}.json"'
        return response
    return render(request, "rights/export.html", {"data": data})


@role_required(Role.CLIENT)
@require_POST
@sensitive_post_parameters("password")
@never_cache
def erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EraseForm(request.POST)
    if form.is_valid():
        try:
            confirm_password(request, user=request.user, password=form.cleaned_data["password"])
            erasure = services.erasure_request(client=request.user)
        except ValidationError as error:
            form.add_error("password" if error.code in ("password", "locked") else None, error)
    if not form.is_valid():
        return _page(request, ExportForm(), form, status=400)
    logout(request)
    context = {"due_at": erasure.due_at, "cancel_url": services.cancel_url(erasure)}
    return render(request, "rights/closing.html", context)


@sensitive_post_parameters("password")
@never_cache
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    erasure = services.request_for_token(token)
    if erasure is None:
        raise Http404
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erasure_cancel(request=erasure, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password" if error.code == "password" else None, error)
        else:
            messages.success(request, _("Your account is open again. Please sign in."))
            return redirect("accounts:login")
    status = 400 if request.method == "POST" else 200
    return render(request, "rights/cancel.html", {"form": form, "due_at": erasure.due_at}, status=status)


@role_required(Role.CLINIC_ADMIN)
@never_cache
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.organisation_id is None:
        raise Http404
    rule, _created = RetentionRule.objects.get_or_create(organisation_id=request.user.organisation_id)
    form = RetentionForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.retention_set(admin=request.user, rule=rule, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("rights:retention")
    return render(request, "rights/retention.html", {"form": form}, status=400 if form.errors else 200)
