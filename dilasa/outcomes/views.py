"""Thin views for outcome measures. Everything clinical goes through dilasa.outcomes.access; every answer is
no-store; addresses and titles say "check-in", never what is measured."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.core.i18n import local_date
from dilasa.outcomes import access, chart, scoring, selectors, texts
from dilasa.outcomes.forms import AnswerForm, AssignForm
from dilasa.outcomes.labels import CLIENT_NAMES, THERAPIST_NAMES, band_word
from dilasa.records.selectors import clients_in_care

ANYONE = (Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A client's check-ins due now; a therapist's answers that need attention."""
    if request.user.is_therapist:
        verified = request.user.clinic_verified_at is not None
        context = {
            "attention": access.needing_attention(user=request.user),
            "clients": clients_in_care(therapist=request.user) if verified else [],
        }
        return render(request, "outcomes/therapist.html", context)
    due = selectors.due_for(request.user)
    return render(request, "outcomes/mine.html", {"due": due})


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def answer(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    found = access.form_for(user=request.user, assignment_id=assignment_id)
    if request.method == "GET":
        form = AnswerForm(text=found.text, initial={"occurrence": found.occurrence or ""})
        return _answer_page(request, found, form)
    form = AnswerForm(request.POST, text=found.text)
    if form.is_valid():
        try:
            submitted = access.submit(
                user=request.user,
                assignment_id=assignment_id,
                occurrence=form.cleaned_data["occurrence"],
                submission_id=form.cleaned_data["submission_id"],
                answers=form.answers(),
                word=form.cleaned_data.get("word", ""),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if submitted.score.crisis:
                # The help page at once: numbers to call now, and the therapist has been told.
                messages.success(request, _("Thank you, your answers were saved. Your therapist has been told."))
                return redirect("safety:crisis")
            messages.success(request, _("Thank you, your answers were saved."))
            return redirect("outcomes:mine")
    return _answer_page(request, found, form, status=400)


def _answer_page(
    request: AuthenticatedHttpRequest, found: access.Form, form: AnswerForm, status: int = 200
) -> HttpResponse:
    context = {
        "found": found,
        "form": form,
        "name": CLIENT_NAMES[found.assignment.instrument],
        "open": found.occurrence is not None and not found.answered,
    }
    return render(request, "outcomes/answer.html", context, status=status)


@role_required(Role.CLIENT)
@never_cache
def progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = access.open_progress(user=request.user)
    context = {"trends": _trends(found, names=CLIENT_NAMES, prefix="p")}
    return render(request, "outcomes/progress.html", context)


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def client(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The therapist's page about one client: trends, what is assigned, and the form to assign more."""
    form = AssignForm(request.POST or None)
    if request.method == "POST":
        access.access_care(user=request.user, client_id=client_id)
        if form.is_valid():
            try:
                access.assign(
                    user=request.user,
                    client_id=client_id,
                    instrument=form.cleaned_data["instrument"],
                    schedule=form.cleaned_data["schedule"],
                    every_days=form.cleaned_data.get("every_days"),
                    ends_on=form.cleaned_data.get("ends_on"),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Saved. The client sees it on their check-ins page."))
                return redirect("outcomes:client", client_id=client_id)
    found = access.open_client(user=request.user, client_id=client_id)
    context = {
        "found": found,
        "form": form,
        "trends": _trends(found.points, names=THERAPIST_NAMES, prefix="c", therapist=True),
        "provisional": [t for t in (texts.text_for(i, "ur") for i in (scoring.PHQ9, scoring.GAD7)) if t.provisional],
    }
    return render(request, "outcomes/client.html", context, status=400 if form.is_bound else 200)


@role_required(*ANYONE)
@require_POST
@never_cache
def stop(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.stop(user=request.user, assignment_id=assignment_id)
    messages.success(request, _("Stopped."))
    return redirect("outcomes:client", client_id=assignment.client_id)


def _trends(
    found: dict[str, list[selectors.Point]], *, names: dict[str, Any], prefix: str, therapist: bool = False
) -> list[dict[str, Any]]:
    rtl = get_language_bidi()
    trends = []
    for instrument, points in found.items():
        scale = scoring.SCALES[instrument]
        name = str(names[instrument])
        latest = points[-1]
        rows: list[dict[str, Any]] = [
            {
                "point": p,
                "day": local_date(p.at),
                "band": band_word(p.response.band),
                "item9": therapist and instrument == scoring.PHQ9 and p.answers[scoring.PHQ9_ITEM9] > 0,
                "attention": therapist and p.score.needs_attention,
                "provisional": therapist and not p.response.text_validated and instrument != scoring.MOOD,
            }
            for p in points
        ]
        marks = [
            chart.Mark(p.at, p.total, f"{r['day']}: {p.total}" + (f" ({r['band']})" if r["band"] else ""))
            for p, r in zip(points, rows, strict=True)
        ]
        desc = _("%(count)s answers from %(first)s to %(last)s; latest score %(total)s out of %(max)s.") % {
            "count": len(points),
            "first": rows[0]["day"],
            "last": rows[-1]["day"],
            "total": latest.total,
            "max": scale.max_total,
        }
        if latest.response.band:
            desc += " " + _("Band: %(band)s.") % {"band": band_word(latest.response.band)}
        svg = chart.trend_svg(
            marks=marks,
            max_total=scale.max_total,
            bands=scale.bands,
            band_words={b.key: band_word(b.key) for b in scale.bands},
            rtl=rtl,
            title=name,
            desc=desc,
            first_label=str(rows[0]["day"]),
            last_label=str(rows[-1]["day"]),
            chart_id=f"{prefix}-{instrument}",
        )
        trends.append(
            {
                "instrument": instrument,
                "name": name,
                "svg": _safe_svg(svg),
                "rows": list(reversed(rows)),
                "max": scale.max_total,
            }
        )
    return trends


def _safe_svg(svg: str) -> SafeString:
    # chart.trend_svg escapes every piece of text it puts in; the rest is numbers and fixed markup.
    return mark_safe(svg)  # noqa: S308
