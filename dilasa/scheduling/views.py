"""Thin views for booking, appointments and the therapist's calendar and hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role, User
from dilasa.consent.links import agreement_url
from dilasa.consent.models import ConsentKind
from dilasa.consent.selectors import has_consent
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import normalise_digits
from dilasa.scheduling import selectors, services
from dilasa.scheduling.access import access_appointment, access_bookable_therapist
from dilasa.scheduling.forms import BookingForm, ExceptionForm, HoursFormSet, MoveForm, PolicyForm, PracticeForm
from dilasa.scheduling.models import (
    Appointment,
    AvailabilityException,
    ClinicPolicy,
    FeeKind,
    PracticeSettings,
    Status,
    WeeklyHours,
)
from dilasa.scheduling.slots import open_slots

BOOKING_DAYS = 7


def _week_offset(request: AuthenticatedHttpRequest, horizon_days: int) -> int:
    try:
        offset = int(normalise_digits(request.GET.get("week", "0")))
    except ValueError:
        return 0
    return max(0, min(offset, horizon_days // 7))


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


@role_required(Role.CLIENT)
@never_cache
def book(request: AuthenticatedHttpRequest, therapist_id: int) -> HttpResponse:
    therapist = access_bookable_therapist(therapist_id=therapist_id)
    practice: PracticeSettings = therapist.practice
    week = _week_offset(request, practice.horizon_days)
    start = _day_start(timezone.localdate()) + timedelta(days=7 * week)
    slots = open_slots(therapist_id=therapist.pk, start=start, end=start + timedelta(days=BOOKING_DAYS))
    form = BookingForm(request.POST or None, practice=practice, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_book(
                client=request.user,
                therapist=therapist,
                starts_at=form.cleaned_data["slot"],
                mode=form.cleaned_data["mode"],
                booked_by=request.user,
                fee_kind=FeeKind.SLIDING if form.cleaned_data.get("sliding") else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Booked. We will remind you before the appointment."))
            return redirect("scheduling:appointment", appointment_id=appointment.pk)
    context = {
        "therapist": therapist,
        "practice": practice,
        "form": form,
        "days": selectors.slots_by_day(slots),
        "week": week,
        "has_next_week": 7 * (week + 1) < practice.horizon_days,
        "chosen": request.POST.get("slot", ""),
    }
    return render(request, "scheduling/book.html", context, status=409 if form.errors else 200)


@role_required(Role.CLIENT)
def my_appointments(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "upcoming": selectors.upcoming_for_client(client=request.user, now=now),
        "history": selectors.history_for_client(client=request.user, now=now)[:50],
    }
    return render(request, "scheduling/my_appointments.html", context)


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def appointment(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    item = access_appointment(user=request.user, appointment_id=appointment_id)
    now = timezone.now()
    is_party = request.user.pk in (item.client_id, item.therapist_id)
    context = {
        "item": item,
        "can_change": is_party and item.status == Status.BOOKED and item.starts_at > now,
        "can_join": is_party and item.can_join(now),
        "can_record": request.user.pk == item.therapist_id
        and item.status != Status.CANCELLED
        and item.starts_at <= now,
        # Right after booking, the client is asked to read the online-counselling agreement (dilasa.consent);
        # the session room itself refuses them without it.
        "agreement_url": agreement_url(ConsentKind.TELECOUNSELLING, next_path=request.path)
        if request.user.pk == item.client_id
        and item.is_online
        and item.status == Status.BOOKED
        and not has_consent(item.client_id, ConsentKind.TELECOUNSELLING)
        else "",
    }
    return render(request, "scheduling/appointment.html", context)


@role_required(Role.CLIENT, Role.THERAPIST)
@require_POST
def appointment_cancel(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    item = access_appointment(user=request.user, appointment_id=appointment_id)
    try:
        cancelled = services.appointment_cancel(appointment=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if cancelled.late_cancel:
            messages.info(
                request, _("Cancelled. This was inside your clinic's notice period, so it is marked as late.")
            )
        else:
            messages.success(request, _("Cancelled."))
    return redirect("scheduling:appointment", appointment_id=item.pk)


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def appointment_move(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    item = access_appointment(user=request.user, appointment_id=appointment_id)
    if item.status != Status.BOOKED or item.starts_at <= timezone.now():
        raise Http404
    start = _day_start(timezone.localdate())
    slots = [
        s
        for s in open_slots(
            therapist_id=item.therapist_id,
            start=start,
            end=start + timedelta(days=14),
            ignore_notice=request.user.pk == item.therapist_id,
        )
        if item.mode in s.modes
    ]
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.appointment_reschedule(
                appointment=item, by=request.user, starts_at=form.cleaned_data["slot"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Moved to the new time."))
            return redirect("scheduling:appointment", appointment_id=moved.pk)
    context = {"item": item, "form": form, "days": selectors.slots_by_day(slots)}
    return render(request, "scheduling/move.html", context, status=409 if form.errors else 200)


@role_required(Role.THERAPIST)
@require_POST
def appointment_record(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    item = access_appointment(user=request.user, appointment_id=appointment_id)
    try:
        services.appointment_mark(appointment=item, by=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("scheduling:appointment", appointment_id=item.pk)


def _parse_day(raw: str | None) -> date:
    try:
        return date.fromisoformat(normalise_digits(raw or ""))
    except ValueError:
        return timezone.localdate()


@role_required(Role.THERAPIST)
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Online and in-person appointments side by side, a day or a week at a time."""
    view = "day" if request.GET.get("view") == "day" else "week"
    day = _parse_day(request.GET.get("date"))
    first = day if view == "day" else day - timedelta(days=day.weekday())
    length = 1 if view == "day" else 7
    start = _day_start(first)
    items = list(selectors.therapist_calendar(therapist=request.user, start=start, end=start + timedelta(days=length)))
    days: list[tuple[date, list[Appointment]]] = [(first + timedelta(days=i), []) for i in range(length)]
    by_date = dict(days)
    for entry in items:
        by_date.setdefault(timezone.localtime(entry.starts_at).date(), []).append(entry)
    context = {
        "view": view,
        "days": [(d, by_date[d]) for d, _ in days],
        "previous": first - timedelta(days=length),
        "next": first + timedelta(days=length),
        "today": timezone.localdate(),
    }
    return render(request, "scheduling/calendar.html", context)


def _hours_initial(therapist: User) -> list[dict[str, object]]:
    return [
        {
            "weekday": h.weekday,
            "start": h.start,
            "end": h.end,
            "online": h.online,
            "in_person": h.in_person,
            "free": h.free,
        }
        for h in WeeklyHours.objects.filter(therapist=therapist)
    ]


@role_required(Role.THERAPIST)
@never_cache
def hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Booking terms, weekly hours and one-off changes, on one page."""
    therapist = request.user
    practice = PracticeSettings.objects.filter(therapist=therapist).first() or PracticeSettings(therapist=therapist)
    section = request.POST.get("section")
    practice_form = PracticeForm(request.POST if section == "terms" else None, instance=practice, prefix="terms")
    hours_forms = HoursFormSet(
        request.POST if section == "hours" else None, initial=_hours_initial(therapist), prefix="hours"
    )
    exception_form = ExceptionForm(request.POST if section == "exception" else None, prefix="exception")
    try:
        if section == "terms" and practice_form.is_valid():
            services.practice_update(therapist=therapist, **practice_form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("scheduling:hours")
        if section == "hours" and hours_forms.is_valid():
            rows = [
                services.HoursRow(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
                for f in hours_forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            services.weekly_hours_replace(therapist=therapist, rows=rows)
            messages.success(request, _("Saved."))
            return redirect("scheduling:hours")
        if section == "exception" and exception_form.is_valid():
            services.exception_add(therapist=therapist, **exception_form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("scheduling:hours")
        if section == "remove_exception":
            services.exception_remove(therapist=therapist, exception_id=int(request.POST.get("exception", "0") or 0))
            return redirect("scheduling:hours")
    except ValidationError as error:
        target = {"terms": practice_form, "exception": exception_form}.get(section or "")
        if target is not None:
            target.add_error(None, error)
        else:
            messages.error(request, " ".join(error.messages))
    except ValueError:
        messages.error(request, _("That change to your hours no longer exists."))
    context = {
        "practice_form": practice_form,
        "hours_forms": hours_forms,
        "exception_form": exception_form,
        "exceptions": AvailabilityException.objects.filter(therapist=therapist, ends_at__gt=timezone.now()),
    }
    return render(request, "scheduling/hours.html", context, status=400 if request.method == "POST" else 200)


@role_required(Role.CLINIC_ADMIN)
def clinic_policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The clinic's cancel and reschedule cut-offs."""
    assert request.user.organisation_id is not None  # noqa: S101 - admins belong to a clinic (database constraint)
    policy = ClinicPolicy.objects.get_or_create(organisation_id=request.user.organisation_id)[0]
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        services.clinic_policy_update(admin=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("scheduling:clinic_policy")
    return render(request, "scheduling/clinic_policy.html", {"form": form}, status=400 if form.errors else 200)


@role_required(Role.THERAPIST)
@never_cache
def book_for_client(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A therapist books one of their clients into one of their own open times."""
    therapist = request.user
    practice = PracticeSettings.objects.filter(therapist=therapist).first()
    if practice is None:
        messages.info(request, _("Set your booking terms and hours first."))
        return redirect("scheduling:hours")
    start = _day_start(timezone.localdate())
    slots = open_slots(therapist_id=therapist.pk, start=start, end=start + timedelta(days=14), ignore_notice=True)
    clients = selectors.therapist_clients(therapist=therapist)
    form = BookingForm(request.POST or None, practice=practice, slots=slots)
    if request.method == "POST" and form.is_valid():
        client = clients.filter(pk=request.POST.get("client") or 0).first()
        if client is None:
            form.add_error(None, _("Choose one of your clients."))
        else:
            try:
                booked = services.appointment_book(
                    client=client,
                    therapist=therapist,
                    starts_at=form.cleaned_data["slot"],
                    mode=form.cleaned_data["mode"],
                    booked_by=therapist,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Booked."))
                return redirect("scheduling:appointment", appointment_id=booked.pk)
    context = {
        "form": form,
        "clients": clients,
        "days": selectors.slots_by_day(slots),
        "chosen": request.POST.get("slot", ""),
    }
    return render(request, "scheduling/book_for_client.html", context, status=409 if form.errors else 200)
