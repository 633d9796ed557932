"""Thin views for the session room, the mood check-in and the page after the session."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.consent.links import agreement_url
from dilasa.consent.models import ConsentKind
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import local_number
from dilasa.live import selectors, services
from dilasa.live.access import ConsentNeeded, RoomClosed, access_room, access_room_after
from dilasa.live.forms import AboutMeForm, FeedbackForm, MoodForm, NoteForm
from dilasa.live.models import Feeling, LiveMode, Mood, PartyRole

# About how much data each way of meeting uses, per minute and direction (docs/realtime-protocol.md).
MB_PER_MINUTE = {LiveMode.VIDEO: 3.8, LiveMode.VIDEO_LOW: 1.1, LiveMode.AUDIO: 0.2, LiveMode.TEXT: 0.05}


@dataclass(frozen=True)
class ModeOption:
    value: str
    label: str
    cost: str


def _mode_options() -> list[ModeOption]:
    options = []
    for mode in LiveMode:
        amount = local_number(MB_PER_MINUTE[mode])
        if mode == LiveMode.TEXT:
            cost = _("under %(mb)s MB a minute") % {"mb": amount}
        else:
            cost = _("about %(mb)s MB a minute") % {"mb": amount}
        options.append(ModeOption(value=mode.value, label=str(mode.label), cost=cost))
    return options


def _check_url() -> str:
    try:
        return reverse("live:check")
    except NoReverseMatch:  # the connection check page lives beside the room
        return "/check/"


def _closed(request: AuthenticatedHttpRequest, appointment_id: int, closed: RoomClosed) -> HttpResponse:
    if closed.too_early:
        messages.info(request, _("The room opens 10 minutes before the start."))
        return redirect("scheduling:appointment", appointment_id=appointment_id)
    return redirect("live:after", appointment_id=appointment_id)


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)  # an admin gets the same 404 as anyone
@never_cache
def room(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    try:
        live_room = access_room(user=request.user, appointment_id=appointment_id)
    except RoomClosed as closed:
        return _closed(request, appointment_id, closed)
    except ConsentNeeded:  # the client reads and accepts the current agreement first, then comes back
        return redirect(agreement_url(ConsentKind.TELECOUNSELLING, next_path=request.path))
    appointment = live_room.appointment
    is_client = request.user.pk == appointment.client_id
    context = {
        "room": live_room,
        "appointment": appointment,
        "role": PartyRole.CLIENT if is_client else PartyRole.THERAPIST,
        "is_client": is_client,
        "other": appointment.therapist if is_client else appointment.client,
        "modes": _mode_options(),
        "feelings": Feeling.choices,
        "moods": Mood.choices,
        "mood": selectors.mood_of(live_room, reader=request.user),
        "feeling_log": [] if is_client else selectors.feelings_of(live_room, reader=request.user),
        "mood_form": MoodForm(),
        "check_url": _check_url(),
    }
    return render(request, "live/room.html", context)


@role_required(Role.CLIENT)
@require_POST
@never_cache
def mood(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    try:
        live_room = access_room(user=request.user, appointment_id=appointment_id)
    except RoomClosed as closed:
        return _closed(request, appointment_id, closed)
    form = MoodForm(request.POST)
    if form.is_valid():
        try:
            services.mood_check_in(
                room=live_room, by=request.user, value=form.cleaned_data["value"], word=form.cleaned_data["word"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you. Your therapist can see how you are feeling."))
    else:
        messages.error(request, _("Choose how you are feeling."))
    return redirect("live:room", appointment_id=appointment_id)


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)  # an admin gets the same 404 as anyone
@never_cache
def after(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    live_room, role = access_room_after(user=request.user, appointment_id=appointment_id)
    about = None
    if role == PartyRole.CLIENT:
        if request.method == "POST" and "about_me" in request.POST:
            about = AboutMeForm(request.POST)
            if about.is_valid():
                services.about_me_save(
                    client=request.user, declined=request.POST["about_me"] == "no", **about.cleaned_data
                )
                messages.success(request, _("Thank you."))
                return redirect("live:after", appointment_id=appointment_id)
        form: FeedbackForm | NoteForm = FeedbackForm(None if about else request.POST or None)
        if request.method == "POST" and about is None and form.is_valid():
            services.feedback_submit(room=live_room, by=request.user, **form.cleaned_data)
            messages.success(request, _("Thank you for telling us."))
            return redirect("live:after", appointment_id=appointment_id)
    else:
        form = NoteForm(request.POST or None, initial={"body": selectors.note_text(live_room, reader=request.user)})
        if request.method == "POST" and form.is_valid():
            services.note_save(room=live_room, by=request.user, body=form.cleaned_data["body"])
            messages.success(request, _("Note saved."))
            return redirect("live:after", appointment_id=appointment_id)
    context = {
        "room": live_room,
        "appointment": live_room.appointment,
        "is_client": role == PartyRole.CLIENT,
        "form": form,
        "feedback_given": role == PartyRole.CLIENT and selectors.feedback_given(live_room),
        "about_form": about or AboutMeForm(),
        "ask_about_me": role == PartyRole.CLIENT and not selectors.about_me_asked(request.user),
        "summary": None if role == PartyRole.CLIENT else selectors.summary_of(live_room),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "live/after.html", context, status=status)
