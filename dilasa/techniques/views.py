"""Thin views for the technique library and homework. Everything clinical goes through
dilasa.techniques.access; every page is no-store; titles say "Practice"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dilasa.accounts.access import practising, role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.records.selectors import clients_in_care
from dilasa.techniques import access, selectors
from dilasa.techniques.forms import AssignForm, EntryForm, ReviewForm
from dilasa.techniques.library import LIBRARY, Words, text_language, words_for
from dilasa.techniques.services import COMMENT_MAX

ANYONE = (Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)


def _library(language: str) -> list[dict[str, object]]:
    return [{"slug": slug, "words": words_for(slug, language)} for slug in LIBRARY]


def _rows(values: dict[str, object], words: Words) -> list[tuple[str, object]]:
    """An entry as (label, answer) rows in the reader's words; yes/no in words, empty parts left out."""
    rows: list[tuple[str, object]] = []
    for name, value in values.items():
        if value is None or value == "" or name not in words.labels:
            continue
        shown = (_("Yes") if value else _("No")) if isinstance(value, bool) else value
        rows.append((words.labels[name], shown))
    return rows


def _entries(task: access.Task, words: Words) -> list[dict[str, object]]:
    return [{"shown": e, "rows": _rows(e.values, words)} for e in task.entries]


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A client's homework and the library; a therapist's people (each to assign to) and the library."""
    language = text_language(request.user.language)
    context: dict[str, object] = {"library": _library(language), "language": language}
    if request.user.is_therapist:
        context["clients"] = clients_in_care(therapist=request.user) if practising(request.user) else []
    else:
        tasks = selectors.assignments_of(request.user)
        context["tasks"] = [{"a": a, "words": words_for(a.technique, language)} for a in tasks]
    return render(request, "techniques/mine.html", context)


@role_required(Role.CLIENT, Role.THERAPIST)
@never_cache
def technique(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    if slug not in LIBRARY:
        raise Http404
    language = text_language(request.user.language)
    context = {"t": LIBRARY[slug], "words": words_for(slug, language), "language": language}
    return render(request, "techniques/technique.html", context)


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def task(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    found = access.open_task(user=request.user, assignment_id=assignment_id)
    slug = found.assignment.technique
    language = text_language(request.user.language)
    words = words_for(slug, language)
    form = EntryForm(request.POST or None, technique=slug, words=words)
    if request.method == "POST" and form.is_valid():
        try:
            access.submit(
                user=request.user,
                assignment_id=assignment_id,
                submission_id=form.cleaned_data["submission_id"],
                values=form.values(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved. Your therapist will see it."))
            return redirect("techniques:task", assignment_id=assignment_id)
    context = {
        "found": found,
        "entries": _entries(found, words),
        "form": form,
        "t": LIBRARY[slug],
        "words": words,
        "language": language,
    }
    return render(request, "techniques/task.html", context, status=400 if form.is_bound else 200)


@role_required(*ANYONE)
@require_http_methods(["GET", "POST"])
@never_cache
def client(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The therapist's page about one client: the homework they gave, entries to review, and the form to assign."""
    language = text_language(request.user.language)
    titles = {slug: words_for(slug, language).title for slug in LIBRARY}
    form = AssignForm(request.POST or None, titles=titles)
    if request.method == "POST":
        access.access_care(user=request.user, client_id=client_id)
        if form.is_valid():
            try:
                access.assign(
                    user=request.user,
                    client_id=client_id,
                    technique=form.cleaned_data["technique"],
                    due_on=form.cleaned_data["due_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Saved. The client sees it on their Practice page."))
                return redirect("techniques:client", client_id=client_id)
    person, tasks = access.open_client(user=request.user, client_id=client_id)
    shown = []
    for t in tasks:
        words = words_for(t.assignment.technique, language)
        shown.append({"task": t, "words": words, "entries": _entries(t, words)})
    context = {"person": person, "tasks": shown, "form": form, "language": language}
    return render(request, "techniques/client.html", context, status=400 if form.is_bound else 200)


@role_required(*ANYONE)
@require_POST
@never_cache
def review(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if not form.is_valid():
        # Too long (the box itself stops at the limit, so only a hand-made request gets here): nothing is marked.
        messages.error(request, _("Keep the comment under %(max)s letters. Nothing was saved.") % {"max": COMMENT_MAX})
        entry = access.review_target(user=request.user, entry_id=entry_id)
        return redirect("techniques:client", client_id=entry.client_id)
    try:
        entry = access.review(user=request.user, entry_id=entry_id, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        entry = access.review_target(user=request.user, entry_id=entry_id)
    else:
        messages.success(request, _("Marked as seen."))
    return redirect("techniques:client", client_id=entry.client_id)
