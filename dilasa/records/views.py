"""Thin views for clinical records. Every read and write goes through dilasa.records.access; every answer is
no-store; titles and addresses say nothing clinical. A form with an error is shown again with what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.audit.models import Purpose
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.records import access, selectors, services
from dilasa.records.forms import (
    AddendumForm,
    AttachmentForm,
    HomeworkForm,
    HomeworkRecordForm,
    NoteForm,
    PlanForm,
    SupervisionForm,
    TemplateForm,
)
from dilasa.records.models import Template

ANYONE = (Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)  # everyone else gets the same 404 as for nothing


def _errors_to(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- lists ------------------------------------------------------------------------------------------------


@role_required(Role.THERAPIST)
@never_cache
def clients(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The therapist's clients, and the folders they may read as a supervisor (names only)."""
    therapist = request.user
    reviews = []
    for supervision in selectors.active_supervisions(supervisor=therapist):
        for client in selectors.clients_in_care(therapist=supervision.supervisee):
            if access.may_review(supervisor=therapist, therapist_id=supervision.supervisee_id, client_id=client.pk):
                reviews.append((supervision.supervisee, client))
    verified = therapist.clinic_verified_at is not None
    context = {
        "clients": selectors.clients_in_care(therapist=therapist) if verified else [],
        "reviews": reviews,
        "verified": verified,
    }
    return render(request, "records/clients.html", context)


@role_required(*ANYONE)
@never_cache
def folder(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    grant, record = access.open_record(user=request.user, client_id=client_id)
    return render(request, "records/folder.html", {"access": grant, "record": record})


@role_required(*ANYONE)
@never_cache
def review(request: AuthenticatedHttpRequest, therapist_id: int, client_id: int) -> HttpResponse:
    """Someone else's folder: a supervisor's (with the client's consent) or an admin's under break-glass."""
    purpose = Purpose.EMERGENCY if request.user.role == Role.CLINIC_ADMIN else Purpose.SUPERVISION
    grant, record = access.open_record(
        user=request.user, client_id=client_id, purpose=purpose, therapist_id=therapist_id
    )
    return render(request, "records/folder.html", {"access": grant, "record": record})


@role_required(Role.CLINIC_ADMIN)
@never_cache
def emergency(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    therapists = access.emergency_folders(admin=request.user, client_id=client_id)
    return render(request, "records/emergency.html", {"client_id": client_id, "therapists": therapists})


# --- notes ------------------------------------------------------------------------------------------------


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def note_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    grant = access.access_client_record(user=request.user, client_id=client_id, purpose=Purpose.CARE)
    data = request.POST if request.method == "POST" else request.GET
    chooser = TemplateForm(data if request.method == "POST" or "template" in data else None)
    if not chooser.is_bound or not chooser.is_valid():
        status = 400 if chooser.is_bound else 200
        return render(request, "records/note_new.html", {"client": grant.client, "chooser": chooser}, status=status)
    template = chooser.cleaned_data["template"]
    appointments = list(selectors.appointments_together(therapist=grant.therapist, client=grant.client)[:20])
    form = NoteForm(request.POST or None, template=template, appointments=appointments)
    if request.method == "POST" and form.is_valid():
        try:
            note = access.write_note(
                user=request.user,
                client_id=client_id,
                template=template,
                sections=form.sections(),
                appointment_id=form.cleaned_data.get("appointment"),
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("records:note", note_id=note.pk)
    status = 400 if request.method == "POST" else 200
    context = {"client": grant.client, "form": form, "template_label": Template(template).label}
    return render(request, "records/note_form.html", context, status=status)


@role_required(*ANYONE)
@never_cache
def note(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    grant, text = access.open_note(user=request.user, note_id=note_id)
    return render(request, "records/note.html", {"access": grant, "text": text, "addendum_form": AddendumForm()})


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def note_edit(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    if request.method == "GET":
        grant, text = access.open_note(user=request.user, note_id=note_id)
        if grant.read_only:
            raise Http404
        found = text.note
        initial = text.latest.as_dict() | {"base_revision": found.revision}
        form = NoteForm(template=found.template, initial=initial)
    else:
        found = access.note_for_form(user=request.user, note_id=note_id)
        form = NoteForm(request.POST, template=found.template)
        if form.is_valid():
            try:
                access.write_note_revision(
                    user=request.user,
                    note_id=note_id,
                    sections=form.sections(),
                    base_revision=form.cleaned_data["base_revision"] or 0,
                )
            except ValidationError as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("Saved. The earlier version is kept."))
                return redirect("records:note", note_id=note_id)
    if found.signed_at is not None and request.method == "GET":
        messages.info(request, _("This note is signed. Add an addendum instead."))
        return redirect("records:note", note_id=note_id)
    status = 400 if request.method == "POST" else 200
    context = {"note": found, "form": form, "template_label": Template(found.template).label}
    return render(request, "records/note_form.html", context, status=status)


@role_required(*ANYONE)
@never_cache
def note_history(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    grant, found, revisions = access.open_note_history(user=request.user, note_id=note_id)
    return render(request, "records/note_history.html", {"access": grant, "note": found, "revisions": revisions})


@role_required(*ANYONE)
@require_POST
@never_cache
def note_sign(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    access.write_note_signature(user=request.user, note_id=note_id)
    messages.success(request, _("Signed. From now on, add addenda."))
    return redirect("records:note", note_id=note_id)


@role_required(*ANYONE)
@require_POST
@never_cache
def note_addendum(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            access.write_addendum(user=request.user, note_id=note_id, body=form.cleaned_data["body"])
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("records:note", note_id=note_id)
    found = access.note_for_form(user=request.user, note_id=note_id)
    return render(request, "records/addendum_form.html", {"note": found, "form": form}, status=400)


# --- the plan ---------------------------------------------------------------------------------------------


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def plan_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    if request.method == "GET":
        grant, current = access.open_plan(user=request.user, client_id=client_id)
        initial: dict[str, Any] = {"base_revision": 0}
        if current is not None:
            initial = {
                "goals": current.goals,
                "interventions": current.interventions,
                "review_on": current.review_on,
                "base_revision": current.number,
            }
        form = PlanForm(initial=initial)
    else:
        grant = access.access_client_record(user=request.user, client_id=client_id, purpose=Purpose.CARE)
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                access.write_plan(user=request.user, client_id=client_id, **form.cleaned_data)
            except ValidationError as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("Saved. The earlier version is kept."))
                return redirect("records:folder", client_id=client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "records/plan_form.html", {"client": grant.client, "form": form}, status=status)


@role_required(*ANYONE)
@never_cache
def plan_history(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    grant, revisions = access.open_plan_history(user=request.user, plan_id=plan_id)
    return render(request, "records/plan_history.html", {"access": grant, "revisions": revisions})


# --- homework ---------------------------------------------------------------------------------------------


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def homework_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    grant = access.access_client_record(user=request.user, client_id=client_id, purpose=Purpose.CARE)
    form = HomeworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access.write_homework(user=request.user, client_id=client_id, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("records:folder", client_id=client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "records/homework_form.html", {"client": grant.client, "form": form}, status=status)


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def homework_edit(request: AuthenticatedHttpRequest, homework_id: int) -> HttpResponse:
    if request.method == "GET":
        grant, text = access.open_homework(user=request.user, homework_id=homework_id)
        if grant.read_only:
            raise Http404
        item = text.item
        form = HomeworkRecordForm(
            initial={
                "title": text.title,
                "instructions": text.instructions,
                "due_on": item.due_on,
                "status": item.status,
                "observations": text.observations,
            }
        )
    else:
        item = access.homework_for_form(user=request.user, homework_id=homework_id)
        form = HomeworkRecordForm(request.POST)
        if form.is_valid():
            try:
                access.write_homework_record(user=request.user, homework_id=homework_id, **form.cleaned_data)
            except ValidationError as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("records:folder", client_id=item.client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "records/homework_form.html", {"client": item.client, "form": form}, status=status)


# --- attachments ------------------------------------------------------------------------------------------


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def attachment_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    grant = access.access_client_record(user=request.user, client_id=client_id, purpose=Purpose.CARE)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One byte past the limit is enough to refuse: a huge file is never read whole into memory.
        data = upload.read(services.ATTACHMENT_MAX_BYTES + 1)
        try:
            access.write_attachment(user=request.user, client_id=client_id, name=upload.name or "", data=data)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Saved."))
            return redirect("records:folder", client_id=client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "records/attachment_form.html", {"client": grant.client, "form": form}, status=status)


@role_required(*ANYONE)
@never_cache
def attachment(request: AuthenticatedHttpRequest, attachment_id: int) -> HttpResponse:
    """The file, as a download, typed by what its bytes are; never shown inline, never cached."""
    found = access.open_attachment(user=request.user, attachment_id=attachment_id)
    response = HttpResponse(found.data, content_type=found.content_type)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
    # A neutral file name: the stored one may say what the file is about, and downloads folders are shared.
    response["Content-Disposition"] = f'attachment; filename="dilasa-{attachment_id}.{extension[found.content_type]}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- supervision (clinic admin) -----------------------------------------------------------------------------


@role_required(Role.CLINIC_ADMIN)
@require_http_methods(["GET", "POST"])
@never_cache
def supervision(request: AuthenticatedHttpRequest) -> HttpResponse:
    admin = request.user
    therapists = list(selectors.clinic_therapists(admin=admin))
    form = SupervisionForm(
        request.POST or None,
        therapists=[(t.pk, t.display_name) for t in therapists],
        supervisors=[(t.pk, t.display_name) for t in therapists if t.clinic_verified_at is not None],
    )
    if request.method == "POST" and form.is_valid():
        by_id = {t.pk: t for t in therapists}
        try:
            services.supervision_assign(
                admin=admin,
                supervisor=by_id[form.cleaned_data["supervisor"]],
                supervisee=by_id[form.cleaned_data["supervisee"]],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("records:supervision")
    context = {"form": form, "supervisions": selectors.clinic_supervisions(admin=admin)}
    return render(request, "records/supervision.html", context, status=400 if form.errors else 200)


@role_required(Role.CLINIC_ADMIN)
@require_POST
@never_cache
def supervision_end(request: AuthenticatedHttpRequest, supervision_id: int) -> HttpResponse:
    found = access.access_clinic_supervision(admin=request.user, supervision_id=supervision_id)
    services.supervision_end(admin=request.user, supervision=found)
    messages.success(request, _("Saved."))
    return redirect("records:supervision")
