"""Thin views: who has seen a client's data (for the client), the clinic's access log and its CSV, one
entry of it, and break-glass emergency access (for clinic admins)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role, User
from dilasa.audit import selectors, services
from dilasa.audit.access import access_entry_reason, access_log_entry
from dilasa.audit.forms import EmergencyForm, LogFilterForm
from dilasa.audit.models import AccessEvent, Action
from dilasa.audit.targets import describe
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import local_time
from dilasa.scheduling.selectors import clinic_clients

CLIENT_PER_PAGE = 25
CLINIC_PER_PAGE = 50


@dataclass(frozen=True)
class Row:
    event: AccessEvent
    what: str  # the kind of record, in words
    role: str  # the actor's role when it happened, in words


def _rows(events: Any) -> list[Row]:
    roles = dict(Role.choices)
    return [Row(event=e, what=describe(e.target), role=str(roles.get(e.actor_role, ""))) for e in events]


@role_required(Role.CLIENT)
@never_cache
def my_access(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = selectors.seen_by_others(client=request.user)
    page = Paginator(events, CLIENT_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/my_access.html", {"page": page, "rows": _rows(page.object_list)})


def _organisation_id(user: User) -> int:
    if user.organisation_id is None:
        raise Http404
    return user.organisation_id


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(request: AuthenticatedHttpRequest) -> tuple[LogFilterForm, Any]:
    """The filter form and the events it selects (the clinic's whole log when the form is not valid)."""
    organisation_id = _organisation_id(request.user)
    people = list(selectors.clinic_people(organisation_id=organisation_id))
    wanted = request.GET.get("person", "")
    if wanted.isdigit() and all(p.pk != int(wanted) for p in people):
        # A client picked from a row of the log: offered in the list, if they are the clinic's client.
        people += list(clinic_clients(organisation_id=organisation_id).filter(pk=int(wanted)))
    form = LogFilterForm(request.GET or None, people=people)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters["person_id"] = form.cleaned_data["person"]
        if form.cleaned_data["since"]:
            filters["since"] = _start_of(form.cleaned_data["since"])
        if form.cleaned_data["until"]:
            filters["until"] = _start_of(form.cleaned_data["until"] + timedelta(days=1))
    elif request.GET:
        return form, selectors.clinic_log(organisation_id=organisation_id).none()
    return form, selectors.clinic_log(organisation_id=organisation_id, **filters)


@role_required(Role.CLINIC_ADMIN)
@never_cache
def clinic_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, CLINIC_PER_PAGE).get_page(request.GET.get("page"))
    rows = _rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/clinic_log.html",
        {"form": form, "page": page, "rows": rows, "csv_query": query.urlencode()},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (display names are chosen by users)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(events: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(
        ["seq", "at", "actor_id", "actor", "actor_role", "subject_id", "subject", "action", "target", "what",
         "purpose", "ip", "hash"]
    )  # fmt: skip
    for event in events.iterator(chunk_size=500):
        yield writer.writerow(
            [
                _cell(c)
                for c in (
                    event.seq,
                    timezone.localtime(event.at).isoformat(timespec="seconds"),
                    event.actor_id,
                    event.actor.display_name if event.actor else "",
                    event.actor_role,
                    event.subject_id,
                    event.subject.display_name if event.subject else "",
                    event.action,
                    event.target,
                    describe(event.target),
                    event.purpose,
                    event.ip,
                    event.hash,
                )
            ]
        )


@role_required(Role.CLINIC_ADMIN)
@never_cache
def clinic_log_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    if request.GET and not form.is_valid():
        return redirect(f"{reverse('audit:clinic_log')}?{request.GET.urlencode()}")
    services.log_export_record(admin=request.user)
    response: HttpResponse = StreamingHttpResponse(  # type: ignore[assignment]  # streamed like any response
        _csv_rows(events), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="access-log-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@role_required(Role.CLINIC_ADMIN, Role.THERAPIST)
@never_cache
def entry(request: AuthenticatedHttpRequest, seq: int) -> HttpResponse:
    event = access_log_entry(user=request.user, seq=seq)
    reason = access_entry_reason(user=request.user, event=event) if event.action == Action.BREAK_GLASS else ""
    grant = selectors.grant_of(event=event)
    context = {"row": _rows([event])[0], "reason": reason, "grant": grant}
    return render(request, "audit/entry.html", context)


def _folder_url(client_id: int) -> str | None:
    """Where an open grant leads: the client's records (dilasa.records), when that app serves them."""
    try:
        return reverse("records:emergency", args=[client_id])
    except NoReverseMatch:
        return None


@role_required(Role.CLINIC_ADMIN)
@never_cache
def emergency(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation_id = _organisation_id(request.user)
    clients = list(clinic_clients(organisation_id=organisation_id).order_by("display_name"))
    initial = {"client": request.GET["client"]} if request.GET.get("client", "").isdigit() else {}
    form = EmergencyForm(request.POST or None, clients=clients, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.emergency_access_open(
                admin=request.user, client_id=form.cleaned_data["client"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Emergency access is open until %(time)s.") % {"time": local_time(grant.expires_at)}
            )
            return redirect(_folder_url(grant.client_id) or reverse("audit:emergency"))
    grants = [(grant, _folder_url(grant.client_id)) for grant in selectors.open_grants(admin=request.user)]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "audit/emergency.html",
        {"form": form, "grants": grants, "minutes": services.EMERGENCY_GRANT_LIFETIME.seconds // 60},
        status=status,
    )
