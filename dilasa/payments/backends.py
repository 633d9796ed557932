"""Payment backends: what moves the money, behind one interface, chosen by DILASA_PAYMENT_BACKEND.

The first backend is "manual": the client pays by mobile wallet (JazzCash, Easypaisa) or bank
transfer outside Dilasa and enters the reference; a clinic admin checks it and confirms or
rejects it. A gateway backend would return a page to send the client to from `start`, and
confirm from the gateway's callback; booking and the payment records stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from dilasa.payments.models import Payment

DEFAULT_BACKEND: Final = "manual"
# Name (as stored on each payment and given in DILASA_PAYMENT_BACKEND) -> class.
BACKENDS: dict[str, str] = {
    "manual": "dilasa.payments.backends.ManualBackend",
}


class PaymentBackendError(Exception):
    """The backend could not do what was asked (the gateway refused, or could not be reached)."""


class PaymentBackend(Protocol):
    name: str
    # True: a clinic admin confirms each payment by hand; False: the backend confirms it itself.
    reviewed_by_clinic: bool

    def start(self, *, payment: Payment) -> str | None:
        """Begin collecting `payment`; return a URL to send the payer to, or None to wait for review."""
        ...

    def confirm(self, *, payment: Payment) -> None:
        """Make sure the money arrived (or capture it); raise PaymentBackendError if not."""
        ...

    def refund(self, *, payment: Payment) -> None:
        """Give the money back; raise PaymentBackendError if that failed."""
        ...


class ManualBackend:
    """Money moves outside Dilasa; the clinic admin's word confirms it."""

    name = "manual"
    reviewed_by_clinic = True

    def start(self, *, payment: Payment) -> str | None:
        return None

    def confirm(self, *, payment: Payment) -> None:
        return None  # the admin saw the money arrive in the clinic's wallet or account

    def refund(self, *, payment: Payment) -> None:
        return None  # the clinic sent the money back itself; Dilasa records that it did


def get_backend(name: str | None = None) -> PaymentBackend:
    """The backend called `name`, or the configured one (settings.PAYMENT_BACKEND, else "manual")."""
    chosen = name or str(getattr(settings, "PAYMENT_BACKEND", DEFAULT_BACKEND))
    path = BACKENDS.get(chosen)
    if path is None:
        known = ", ".join(sorted(BACKENDS))
        raise ImproperlyConfigured(f"Unknown payment backend {chosen!r}; known: {known}.")
    backend: PaymentBackend = import_string(path)()
    return backend
