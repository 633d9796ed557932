"""Thin views: a therapist's modules and one module with its check questions; the clinic's progress and CSV.

Training holds no client data; the pages are still no-store (they are staff pages behind 2FA).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.training import access, selectors, services
from dilasa.training.catalogue import LANGUAGES, Module, modules
from dilasa.training.forms import AnswersForm
from dilasa.training.render import to_html


@role_required(Role.THERAPIST)
@require_GET
@never_cache
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    statuses = selectors.progress_of(request.user)
    language = _reading_language(request)
    rows = [(s, s.module.text_for(language)) for s in statuses]
    return render(request, "training/index.html", {"rows": rows, "done": sum(s.current for s in statuses)})


@role_required(Role.THERAPIST)
@require_http_methods(["GET", "POST"])
@never_cache
def module(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    found = access.access_module(slug)
    text = found.text_for(_reading_language(request))
    if request.method == "GET":
        return _module_page(request, found, AnswersForm(module=found, text=text))
    form = AnswersForm(request.POST, module=found, text=text)
    wrong: tuple[str, ...] = ()
    if form.is_valid():
        try:
            marked = services.module_answer(
                user=request.user, module=found, version=form.cleaned_data["version"], answers=form.answers()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if marked.complete:
                if marked.already:
                    messages.info(request, _("You had already completed this module. Nothing changed."))
                else:
                    messages.success(request, _("Well done: module completed."))
                return redirect("training:module", slug=found.slug)
            wrong = marked.wrong
            return _module_page(request, found, form, wrong=wrong, status=200)
    return _module_page(request, found, form, status=400)


def _reading_language(request: AuthenticatedHttpRequest) -> str:
    """The module's language: ?in=en|ur if asked, else the page's language when a text exists in it, else English."""
    asked = request.GET.get("in", "")
    if asked in LANGUAGES:
        return asked
    current = get_language() or "en"
    return current if current in LANGUAGES else "en"


def _module_page(
    request: AuthenticatedHttpRequest,
    found: Module,
    form: AnswersForm,
    *,
    wrong: tuple[str, ...] = (),
    status: int = 200,
) -> HttpResponse:
    text = form.text
    questions = [
        {
            "q": q,
            "field": form[q.id],
            "wrong": q.id in wrong,
            "right": bool(wrong) and q.id not in wrong,
        }
        for q in text.questions
    ]
    other = next(lang for lang in LANGUAGES if lang != text.language)
    context = {
        "module": found,
        "text": text,
        "body": to_html(text.body),
        "form": form,
        "questions": questions,
        "wrong": wrong,
        "status": selectors.status_of(user=request.user, module=found),
        "other_language": other,
    }
    return render(request, "training/module.html", context, status=status)


@role_required(Role.CLINIC_ADMIN)
@require_GET
@never_cache
def clinic(request: AuthenticatedHttpRequest) -> HttpResponse:
    members = selectors.clinic_progress(admin=request.user)
    language = _reading_language(request)
    titles = [m.text_for(language).title for m in modules()]
    return render(request, "training/clinic.html", {"members": members, "titles": titles})


@role_required(Role.CLINIC_ADMIN)
@require_GET
@never_cache
def member(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    therapist = access.access_clinic_therapist(admin=request.user, user_id=user_id)
    language = _reading_language(request)
    rows = [(s, s.module.text_for(language)) for s in selectors.progress_of(therapist)]
    return render(request, "training/member.html", {"therapist": therapist, "rows": rows})


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (display names are chosen by their owners)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_rows(members: list[selectors.Member]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(["therapist_id", "therapist", "module", "module_version", "completed_at", "up_to_date"])
    for m in members:
        for s in m.statuses:
            at = s.completed_at.isoformat(timespec="seconds") if s.completed_at else ""
            state = "yes" if s.current else ("no: updated since" if s.completed_at else "")
            yield writer.writerow(
                [m.therapist.pk, _cell(m.therapist.display_name), s.module.slug, s.module.version, at, state]
            )


@role_required(Role.CLINIC_ADMIN)
@require_GET
@never_cache
def clinic_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    members = selectors.clinic_progress(admin=request.user)
    response: HttpResponse = StreamingHttpResponse(  # type: ignore[assignment]  # streamed like any response
        _csv_rows(members), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="learning-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
