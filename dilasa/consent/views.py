"""Thin views: the client's consents, reading and accepting an agreement, withdrawing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.consent import selectors, services
from dilasa.consent.forms import AgreeForm
from dilasa.consent.links import KINDS, SLUGS
from dilasa.consent.models import ConsentKind
from dilasa.consent.rendering import render_text
from dilasa.core.http import AuthenticatedHttpRequest

RTL = frozenset({"ur", "pnb", "sd", "ps"})


def _kind(slug: str) -> ConsentKind:
    if slug not in KINDS:
        raise Http404
    return ConsentKind(KINDS[slug])


def _next(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@role_required(Role.CLIENT)
@never_cache
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "states": [(state, SLUGS[state.kind]) for state in selectors.consent_states(request.user.pk)],
        "history": selectors.history(request.user.pk),
    }
    return render(request, "consent/mine.html", context)


@role_required(Role.CLIENT)
@never_cache
def document(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    kind = _kind(slug)
    current = selectors.current_document(kind)
    if current is None:
        raise Http404
    language = get_language() or "en"
    text = selectors.text_for(current, language)
    if text is None:
        raise Http404
    form = AgreeForm(initial={"document": current.pk, "language": text.language})
    errors: list[str] = []
    if request.method == "POST":
        sent = AgreeForm(request.POST)
        if not sent.is_valid():
            errors.append(_("Something was missing. Please read the agreement and press the button again."))
        else:
            try:
                services.consent_grant(
                    client=request.user,
                    kind=kind,
                    document_id=sent.cleaned_data["document"],
                    language=sent.cleaned_data["language"],
                )
            except ValidationError as error:
                errors += error.messages
            else:
                messages.success(request, _("Thank you. Your answer is saved."))
                return redirect(_next(request) or "consent:mine")
    state = next(s for s in selectors.consent_states(request.user.pk) if s.kind == kind)
    context = {
        "kind": kind,
        "slug": slug,
        "document": current,
        "text": text,
        "text_dir": "rtl" if text.language in RTL else "ltr",
        "body": render_text(text.body),
        "fallback": text.language != language,
        "state": state,
        "form": form,
        "errors": errors,
        "next": _next(request),
    }
    return render(request, "consent/document.html", context, status=409 if errors else 200)


@role_required(Role.CLIENT)
@require_POST
@never_cache
def withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    kind = _kind(slug)
    event = services.consent_withdraw(client=request.user, kind=kind)
    if event is None:
        messages.info(request, _("This was already off. Nothing changed."))
    else:
        messages.success(request, _("Withdrawn. This takes effect now."))
    return redirect("consent:mine")
