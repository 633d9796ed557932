"""Thin views for messages: the list of conversations, one conversation (read and send), and a file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.uploads import EXTENSIONS
from dilasa.messaging import selectors, services
from dilasa.messaging.access import access_attachment, access_thread, may_send
from dilasa.messaging.forms import SendForm, StartForm


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "threads": selectors.threads_for(request.user),
        "people": selectors.people_without_thread(request.user),
    }
    return render(request, "messaging/inbox.html", context)


@role_required(Role.CLIENT, Role.THERAPIST)
@require_POST
@never_cache
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        raise Http404
    thread = services.thread_start(user=request.user, other_id=form.cleaned_data["person"])
    return redirect("messaging:thread", thread_id=thread.pk)


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)  # an admin gets the same 404 as anyone
@never_cache
def thread(request: AuthenticatedHttpRequest, thread_id: int) -> HttpResponse:
    if request.method == "POST":
        form = SendForm(request.POST, request.FILES)
        if form.is_valid() and _send(request, thread_id, form):
            return redirect(reverse("messaging:thread", args=[thread_id]) + "#end")
    else:
        form = SendForm()
    conversation = access_thread(user=request.user, thread_id=thread_id)
    before = request.GET.get("before", "")
    page = selectors.thread_page(
        thread=conversation, viewer=request.user, before=int(before) if before.isdigit() else None
    )
    if not before:
        services.thread_mark_read(user=request.user, thread=conversation)
    is_client = request.user.pk == conversation.client_id
    context = {
        "thread": conversation,
        "other": conversation.therapist if is_client else conversation.client,
        "page": page,
        "last_seq": page.messages[-1].seq if page.messages and not before else 0,
        "form": form,
        "can_send": may_send(conversation, request.user),
        "paged": bool(before),
    }
    return render(request, "messaging/thread.html", context, status=400 if request.method == "POST" else 200)


def _send(request: AuthenticatedHttpRequest, thread_id: int, form: SendForm) -> bool:
    upload = form.read_file()
    try:
        services.message_send(
            user=request.user,
            thread_id=thread_id,
            client_id=form.cleaned_data["client_id"],
            body=form.cleaned_data["body"],
            upload=services.Upload(name=upload[0], data=upload[1]) if upload else None,
        )
    except ValidationError as error:
        field = "file" if error.code and error.code.startswith("upload_") else None
        form.add_error(field, error)
        return False
    messages.success(request, _("Sent."))
    return True


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def file(request: AuthenticatedHttpRequest, thread_id: int, seq: int) -> HttpResponse:
    attachment = access_attachment(user=request.user, thread_id=thread_id, seq=seq)
    response = HttpResponse(attachment.data, content_type=attachment.content_type)
    name = f"dilasa-{thread_id}-{seq}.{EXTENSIONS[attachment.content_type]}"  # never the sender's file name
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
