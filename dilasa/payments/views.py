"""Thin views: parse, check access, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dilasa.accounts.access import role_required
from dilasa.accounts.models import Role
from dilasa.core.http import AuthenticatedHttpRequest
from dilasa.payments import selectors, services
from dilasa.payments.access import access_appointment_to_pay, access_payment, access_payment_to_review
from dilasa.payments.forms import InstructionsForm, PaymentForm
from dilasa.payments.models import Payment, PaymentStatus
from dilasa.payments.selectors import PaymentState

ANYONE = (Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)


@role_required(*ANYONE)
@never_cache
def pay(request: AuthenticatedHttpRequest, appointment_id: int) -> HttpResponse:
    appointment = access_appointment_to_pay(user=request.user, appointment_id=appointment_id)
    payments = selectors.appointment_payments(appointment=appointment)
    state = selectors.payment_state(appointment, payments)
    form = None
    if state is PaymentState.DUE:
        form = PaymentForm(request.POST or None, initial={"amount_pkr": appointment.fee_pkr})
        if request.method == "POST" and form.is_valid():
            try:
                started = services.payment_submit(appointment=appointment, payer=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if started.redirect_url:
                    return HttpResponseRedirect(started.redirect_url)
                messages.success(request, _("Thank you. The clinic will check your payment and send you a receipt."))
                return redirect("payments:pay", appointment_id=appointment.pk)
    context = {
        "appointment": appointment,
        "state": state.value,
        "latest": payments[0] if payments else None,
        "form": form,
        "instructions": selectors.payment_instructions(organisation_id=appointment.organisation_id),
    }
    return render(request, "payments/pay.html", context)


@role_required(*ANYONE)
@never_cache
def receipt(request: AuthenticatedHttpRequest, payment_id: int) -> HttpResponse:
    payment = access_payment(user=request.user, payment_id=payment_id)
    if payment.status not in (PaymentStatus.CONFIRMED, PaymentStatus.REFUNDED):
        raise Http404
    return render(request, "payments/receipt.html", {"payment": payment})


@role_required(Role.CLINIC_ADMIN)
@never_cache
def clinic_payments(request: AuthenticatedHttpRequest) -> HttpResponse:
    admin = request.user
    form = InstructionsForm(
        request.POST or None,
        initial={"text": selectors.payment_instructions(organisation_id=admin.organisation_id or 0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_instructions_update(admin=admin, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("payments:clinic")
    context = {
        "pending": selectors.clinic_pending_payments(admin=admin),
        "recent": selectors.clinic_recent_payments(admin=admin),
        "form": form,
    }
    return render(request, "payments/clinic.html", context)


def _review(
    request: AuthenticatedHttpRequest, payment_id: int, decide: Callable[..., Payment], done: str
) -> HttpResponse:
    payment = access_payment_to_review(admin=request.user, payment_id=payment_id)
    try:
        decide(admin=request.user, payment=payment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("payments:clinic")


@role_required(Role.CLINIC_ADMIN)
@require_POST
def confirm(request: AuthenticatedHttpRequest, payment_id: int) -> HttpResponse:
    return _review(request, payment_id, services.payment_confirm, _("Confirmed. The client was sent a receipt."))


@role_required(Role.CLINIC_ADMIN)
@require_POST
def reject(request: AuthenticatedHttpRequest, payment_id: int) -> HttpResponse:
    return _review(request, payment_id, services.payment_reject, _("Marked as not found. The client can try again."))


@role_required(Role.CLINIC_ADMIN)
@require_POST
def refund(request: AuthenticatedHttpRequest, payment_id: int) -> HttpResponse:
    return _review(request, payment_id, services.payment_refund, _("Recorded as refunded."))
