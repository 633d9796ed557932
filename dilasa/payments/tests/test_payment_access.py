"""Who can do what with Ayesha's payment: she pays, Sukoon's admin checks it; everyone else finds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.payments import services
from dilasa.payments.models import Payment, PaymentStatus
from dilasa.payments.tests.support import FEE, PAYMENT_URLS, book, submitted
from dilasa.scheduling.models import Appointment
from dilasa.testing import signed_in_client

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAYMENT_URLS)]

PERSONAS = ("client_ayesha", "client_kamran", "therapist_sana", "admin_farah", "admin_omar")


@pytest.fixture
def appointment(client_ayesha: User, therapist_sana: User) -> Appointment:
    return book(client_ayesha, therapist_sana)


def as_(request: pytest.FixtureRequest, persona: str) -> Client:
    return signed_in_client(request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("client_ayesha", 200),
        ("client_kamran", 404),
        ("therapist_sana", 404),
        ("admin_farah", 404),
        ("admin_omar", 404),
    ],
)
def test_only_the_client_opens_the_pay_page(
    request: pytest.FixtureRequest, appointment: Appointment, persona: str, status: int
) -> None:
    url = reverse("payments:pay", args=[appointment.pk])
    browser = as_(request, persona)
    assert browser.get(url).status_code == status
    posted = browser.post(url, {"method": "jazzcash", "reference": "TX12345678", "amount_pkr": str(FEE)})
    assert posted.status_code == (302 if status == 200 else 404)
    assert Payment.objects.count() == (1 if status == 200 else 0)


def test_a_missing_appointment_looks_the_same_as_someone_elses(client_kamran: User) -> None:
    assert signed_in_client(client_kamran).get(reverse("payments:pay", args=[999_999])).status_code == 404


def test_signing_in_comes_first(appointment: Appointment) -> None:
    response = Client().get(reverse("payments:pay", args=[appointment.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("client_ayesha", 200),
        ("client_kamran", 404),
        ("therapist_sana", 404),
        ("admin_farah", 200),
        ("admin_omar", 404),
    ],
)
def test_the_receipt_is_for_the_payer_and_the_clinic(
    request: pytest.FixtureRequest, appointment: Appointment, admin_farah: User, persona: str, status: int
) -> None:
    payment = services.payment_confirm(admin=admin_farah, payment=submitted(appointment))
    assert as_(request, persona).get(reverse("payments:receipt", args=[payment.pk])).status_code == status


def test_no_receipt_before_confirmation(appointment: Appointment, client_ayesha: User) -> None:
    payment = submitted(appointment)
    assert signed_in_client(client_ayesha).get(reverse("payments:receipt", args=[payment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status", "sees_it"),
    [
        ("client_ayesha", 403, False),
        ("client_kamran", 403, False),
        ("therapist_sana", 403, False),
        ("admin_farah", 200, True),
        ("admin_omar", 200, False),
    ],
)
def test_only_the_clinics_admins_see_its_payments(
    request: pytest.FixtureRequest, appointment: Appointment, persona: str, status: int, sees_it: bool
) -> None:
    submitted(appointment, reference="VISIBLE 1234")
    response = as_(request, persona).get(reverse("payments:clinic"))
    assert response.status_code == status
    assert ("VISIBLE 1234" in response.content.decode()) is sees_it


@pytest.mark.parametrize(
    ("persona", "status", "confirmed"),
    [
        ("client_ayesha", 403, False),
        ("client_kamran", 403, False),
        ("therapist_sana", 403, False),
        ("admin_farah", 302, True),
        ("admin_omar", 404, False),
    ],
)
@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_only_the_clinics_admins_decide(
    request: pytest.FixtureRequest, appointment: Appointment, persona: str, status: int, confirmed: bool, action: str
) -> None:
    payment = submitted(appointment)
    response = as_(request, persona).post(reverse(f"payments:{action}", args=[payment.pk]))
    assert response.status_code == status
    payment.refresh_from_db()
    decided = {"confirm": PaymentStatus.CONFIRMED, "reject": PaymentStatus.REJECTED}[action]
    assert payment.status == (decided if confirmed else PaymentStatus.PENDING)


def test_the_service_refuses_another_clinics_admin_too(appointment: Appointment, admin_omar: User) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.payment_confirm(admin=admin_omar, payment=submitted(appointment))
