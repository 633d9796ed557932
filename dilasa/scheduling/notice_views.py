"""Reminder settings and the private calendar address: thin views over reminders.py and feeds.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from dilasa.accounts.access import role_required
from dilasa.accounts.models import LoginKind, Role, User
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import normalise_digits
from dilasa.scheduling import feeds, reminders
from dilasa.scheduling.models import ReminderChannels, ReminderPreference, ReminderWording

FEED_URL_SESSION_KEY = "_dilasa_new_calendar_url"


class ReminderForm(forms.Form):
    channels = forms.ChoiceField(
        label=gettext_lazy("How should we remind you?"), choices=ReminderChannels.choices, widget=forms.RadioSelect
    )
    wording = forms.ChoiceField(
        label=gettext_lazy("What should a reminder say?"), choices=ReminderWording.choices, widget=forms.RadioSelect
    )
    custom_text = forms.CharField(
        label=gettext_lazy("Your own words"),
        help_text=gettext_lazy("Up to 80 characters, no web addresses. Write {time} where the time should go."),
        max_length=reminders.CUSTOM_TEXT_MAX,
        required=False,
    )
    phone = forms.CharField(label=gettext_lazy("Mobile number for text messages"), max_length=32, required=False)
    email = forms.EmailField(label=gettext_lazy("Email address for reminders"), max_length=254, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The sign-in address is used for its own channel; only the other one can be given here.
        del self.fields["phone" if user.login_kind == LoginKind.PHONE else "email"]
        if "phone" in self.fields:
            self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})
        else:
            self.fields["email"].widget.attrs.update({"autocomplete": "email", "dir": "ltr"})

    def clean_phone(self) -> str:
        return normalise_digits(self.cleaned_data.get("phone", "")).strip()


def _tomorrow_at_ten() -> datetime:
    return timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)


def _initial(preference: ReminderPreference) -> dict[str, str]:
    return {
        "channels": preference.channels,
        "wording": preference.wording,
        "custom_text": preference.custom_text,
        "phone": preference.phone,
        "email": preference.email,
    }


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def reminders_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    preference = reminders.reminder_preference_for(user)
    form = ReminderForm(request.POST or None, user=user, initial=_initial(preference)) if user.is_client else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            reminders.reminder_preference_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("scheduling_notices:reminders")
    feed_url = request.session.pop(FEED_URL_SESSION_KEY, None)  # shown once, like recovery codes
    context = {
        "form": form,
        "example": reminders.reminder_line(preference, reminders.local_when(_tomorrow_at_ten())),
        "feed": feeds.calendar_feed_of(user),
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed_url else "",
    }
    return render(request, "scheduling/reminders/reminders.html", context)


@role_required(Role.CLIENT, Role.THERAPIST)
@require_POST
def calendar_link_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = feeds.calendar_feed_reset(user=request.user)
    request.session[FEED_URL_SESSION_KEY] = feeds.calendar_feed_url(token)
    return redirect("scheduling_notices:reminders")


@role_required(Role.CLIENT, Role.THERAPIST)
@require_POST
def calendar_link_off(request: AuthenticatedHttpRequest) -> HttpResponse:
    feeds.calendar_feed_remove(user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("scheduling_notices:reminders")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    user = feeds.calendar_feed_user(token=token, now=now)
    if user is None:
        raise Http404
    response = HttpResponse(feeds.calendar_ics(user=user, now=now), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = 'inline; filename="dilasa.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
