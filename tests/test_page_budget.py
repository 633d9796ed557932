"""Every page fits the byte budget: ≤ 30 KB cold load, HTML ≤ 14 KB, compressed, no third-party request.

The test walks the URL configuration, so a page added later is measured too:
a new URL name must be given a way to visit it in PAGES, or a reason in NOT_PAGES.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dilasa.accounts import services
from dilasa.accounts.models import User
from dilasa.testing import signed_in_client

PAGE_BUDGET = 30 * 1024
HTML_BUDGET = 14 * 1024
ASSET = re.compile(r"<(?:link|script|img|source|audio|video)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"", re.I)

Visit = Callable[[pytest.FixtureRequest], tuple[Client, str]]


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def anonymous(name: str, **kwargs: str) -> Visit:
    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        return Client(), reverse(name, kwargs=kwargs or None)

    return visit


def as_persona(persona: str, name: str) -> Visit:
    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        return signed_in_client(request.getfixturevalue(persona)), reverse(name)

    return visit


def signup_confirmation(request: pytest.FixtureRequest) -> tuple[Client, str]:
    user = User.objects.create_user(login="new@example.com", password="x", display_name="N", is_active=False)
    return Client(), reverse("accounts:signup_verify", kwargs={"token": services._signup_token(user)})


def password_reset_form(request: pytest.FixtureRequest) -> tuple[Client, str]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user: User = request.getfixturevalue("client_ayesha")
    client = Client()
    url = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    redirected = client.get(url)
    return client, redirected.url


def invitation(request: pytest.FixtureRequest) -> tuple[Client, str]:
    admin: User = request.getfixturevalue("admin_farah")
    _, token = services.invitation_create(admin=admin, email="new.therapist@example.com", role="therapist")
    return Client(), reverse("accounts:invitation_accept", kwargs={"token": token})


def fresh_recovery_codes(request: pytest.FixtureRequest) -> tuple[Client, str]:
    client = signed_in_client(request.getfixturevalue("therapist_sana"))
    session = client.session
    session["_dilasa_new_recovery_codes"] = [f"code{i:04d}" for i in range(10)]
    session.save()
    return client, reverse("accounts:recovery_codes")


def staff_before_second_step(view: str, with_device: bool) -> Visit:
    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.testing import add_authenticator

        user: User = request.getfixturevalue("therapist_bilal")
        if with_device:
            add_authenticator(user)
        client = Client()
        client.force_login(user, backend="dilasa.accounts.backends.LoginIdentifierBackend")
        return client, reverse(view)

    return visit


def with_booking(name: str, persona: str, *, of_appointment: bool = False) -> Visit:
    """A page about one booked appointment (Sana's, with Ayesha), seen by `persona`."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.scheduling import services as scheduling
        from dilasa.scheduling.testing import karachi, open_every_day

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        open_every_day(sana)
        item = scheduling.appointment_book(
            client=ayesha, therapist=sana, starts_at=karachi(3, 10), mode="video", booked_by=ayesha
        )
        viewer: User = request.getfixturevalue(persona)
        return signed_in_client(viewer), reverse(name, args=[item.pk] if of_appointment else None)

    return visit


def booking_page(request: pytest.FixtureRequest) -> tuple[Client, str]:
    from dilasa.scheduling.testing import open_every_day

    sana: User = request.getfixturevalue("therapist_sana")
    open_every_day(sana)
    return signed_in_client(request.getfixturevalue("client_ayesha")), reverse("scheduling:book", args=[sana.pk])


def _listed_sana(request: pytest.FixtureRequest) -> User:
    from dilasa.directory.testing import give_practice, give_profile

    sana: User = request.getfixturevalue("therapist_sana")
    give_profile(sana, languages=("ur", "en", "pnb"), specialities=("anxiety", "sleep"))
    give_practice(sana, fee=3000, floor=1000, open_every_day=True)
    return sana


def directory_search(request: pytest.FixtureRequest) -> tuple[Client, str]:
    _listed_sana(request)
    return Client(), reverse("directory:search")


def directory_therapist(request: pytest.FixtureRequest) -> tuple[Client, str]:
    sana = _listed_sana(request)
    return Client(), reverse("directory:therapist", kwargs={"therapist_id": sana.pk})


def own_directory_profile(view: str) -> Visit:
    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        return signed_in_client(_listed_sana(request)), reverse(view)

    return visit


def _booked_with_sana(request: pytest.FixtureRequest) -> Any:
    """Ayesha's appointment with Sana (fee 3000), booked as Ayesha would."""
    from dilasa.scheduling import services as scheduling
    from dilasa.scheduling.testing import karachi, open_every_day

    sana: User = request.getfixturevalue("therapist_sana")
    ayesha: User = request.getfixturevalue("client_ayesha")
    open_every_day(sana)
    return scheduling.appointment_book(
        client=ayesha, therapist=sana, starts_at=karachi(3, 10), mode="video", booked_by=ayesha
    )


def _submitted_payment(request: pytest.FixtureRequest) -> Any:
    from dilasa.payments import services as payments

    item = _booked_with_sana(request)
    return payments.payment_submit(
        appointment=item, payer=item.client, method="jazzcash", reference="TX12345678", amount_pkr=item.fee_pkr
    ).payment


def pay_page(request: pytest.FixtureRequest) -> tuple[Client, str]:
    item = _booked_with_sana(request)
    return signed_in_client(item.client), reverse("payments:pay", kwargs={"appointment_id": item.pk})


def payment_receipt(request: pytest.FixtureRequest) -> tuple[Client, str]:
    from dilasa.payments import services as payments

    payment = payments.payment_confirm(
        admin=request.getfixturevalue("admin_farah"), payment=_submitted_payment(request)
    )
    return signed_in_client(payment.payer), reverse("payments:receipt", kwargs={"payment_id": payment.pk})


def clinic_payments(request: pytest.FixtureRequest) -> tuple[Client, str]:
    _submitted_payment(request)
    return signed_in_client(request.getfixturevalue("admin_farah")), reverse("payments:clinic")


def live_room(persona: str, *, after: bool = False) -> Visit:
    """Ayesha's video session with Sana, starting in five minutes: the room (or, once opened, the page after it)."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.live import services as live
        from dilasa.live.access import access_room
        from dilasa.live.testing import appointment_soon

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        item = appointment_soon(ayesha, sana, in_minutes=5)
        if after:
            room = access_room(user=ayesha, appointment_id=item.pk)
            live.room_admit(room_id=room.pk, by=sana)
            live.room_end(room_id=room.pk, by=sana)
        name = "live:after" if after else "live:room"
        return signed_in_client(request.getfixturevalue(persona)), reverse(name, args=[item.pk])

    return visit


def reminders_with_new_calendar_address(request: pytest.FixtureRequest) -> tuple[Client, str]:
    client = signed_in_client(request.getfixturevalue("client_ayesha"))
    client.post(reverse("scheduling_notices:calendar_link_new"))  # the next visit shows the address once
    return client, reverse("scheduling_notices:reminders")


def agreement(slug: str, *, agreed: bool = False) -> Visit:
    """Ayesha reads one agreement (the longest is the online-counselling one), before or after agreeing."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.consent.links import KINDS
        from dilasa.consent.testing import grant_current

        ayesha: User = request.getfixturevalue("client_ayesha")
        if agreed:
            grant_current(ayesha, KINDS[slug])
        return signed_in_client(ayesha), reverse("consent:document", args=[slug])

    return visit


def messaging_thread(persona: str) -> Visit:
    """Ayesha's conversation with Sana, 30 long messages in both directions and a file, seen by `persona`."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        import uuid

        from dilasa.messaging import services as messaging
        from dilasa.messaging.testing import put_in_care

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        put_in_care(ayesha, sana)
        thread = messaging.thread_start(user=ayesha, other_id=sana.pk)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 29 + b"IEND\xaeB`\x82"
        for n in range(30):
            messaging.message_send(
                user=ayesha if n % 2 else sana,
                thread_id=thread.pk,
                client_id=uuid.uuid4(),
                body=f"Message {n}: " + "a fairly long sentence about how the week went. " * 3,
                upload=messaging.Upload(name="scan of the letter.png", data=png) if n == 29 else None,
            )
        viewer: User = request.getfixturevalue(persona)
        if persona == "client_ayesha":
            return signed_in_client(viewer), reverse("messaging:thread", args=[thread.pk])
        return signed_in_client(viewer), reverse("messaging:inbox")

    return visit


def records_page(name: str, persona: str = "therapist_sana", *, query: str = "") -> Visit:
    """A page of Sana's folder about Ayesha (a full one); Zara reads it as supervisor, Farah in an emergency."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.records.testing import full_folder, supervision_with_consent

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        f = full_folder(ayesha, sana)
        ids = {
            "records:folder": [f.client],
            "records:note_new": [f.client],
            "records:plan_edit": [f.client],
            "records:homework_new": [f.client],
            "records:attachment_new": [f.client],
            "records:emergency": [f.client],
            "records:review": [f.client, f.therapist],
            "records:note": [f.note],
            "records:note_edit": [f.note],
            "records:note_history": [f.note],
            "records:plan_history": [f.plan],
            "records:homework_edit": [f.homework],
        }.get(name, [])
        viewer: User = request.getfixturevalue(persona) if persona != "supervisor" else supervision_with_consent(sana)
        if persona == "admin_farah" and name != "records:supervision":
            from dilasa.audit.services import emergency_access_open

            emergency_access_open(admin=viewer, client_id=f.client, reason="She wrote that she is in danger tonight.")
        return signed_in_client(viewer), reverse(name, args=ids or None) + query

    return visit


def audit_page(name: str, persona: str) -> Visit:
    """A full page of the access log: Sana reads Ayesha's data 60 times, Farah once opened it in an emergency."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.audit.models import Action, Purpose
        from dilasa.audit.services import emergency_access_open, record
        from dilasa.audit.testing import in_care_of

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        farah: User = request.getfixturevalue("admin_farah")
        in_care_of(ayesha, sana)
        for n in range(60):
            record(actor=sana, subject_id=ayesha.pk, action=Action.READ, target=f"live.note:{n}", purpose=Purpose.CARE)
        grant = emergency_access_open(
            admin=farah, client_id=ayesha.pk, reason="She wrote that she is in danger tonight."
        )
        args = [grant.event.seq] if name == "audit:entry" else None
        return signed_in_client(request.getfixturevalue(persona)), reverse(name, args=args)

    return visit


def erasure_cancel_link(request: pytest.FixtureRequest) -> tuple[Client, str]:
    from dilasa.rights import services as rights

    erasure = rights.erasure_request(client=request.getfixturevalue("client_ayesha"))
    return Client(), rights.cancel_url(erasure)


def safety_page(name: str, persona: str) -> Visit:
    """Ayesha in Sana's care has pressed "I need help now"; the flag page opens that flag."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.live.testing import appointment_soon
        from dilasa.safety.services import clinic_helpline_add, raise_flag

        ayesha, sana = request.getfixturevalue("client_ayesha"), request.getfixturevalue("therapist_sana")
        farah = request.getfixturevalue("admin_farah")
        appointment_soon(ayesha, sana)
        flag = raise_flag(client=ayesha, source="help_button", raised_by=ayesha)
        clinic_helpline_add(
            organisation=farah.organisation,
            added_by=farah,
            name="Sukoon after hours",
            number="051-1234567",
            hours="6 pm to midnight",
            languages="Urdu, Punjabi",
            purpose="Talk to a counsellor of the clinic",
        )
        viewer = request.getfixturevalue(persona)
        url = reverse(name, args=[flag.pk]) if name == "safety:flag" else reverse(name)
        return signed_in_client(viewer), url

    return visit


def pin_page(request: pytest.FixtureRequest) -> tuple[Client, str]:
    from dilasa.accounts.pin_lock import pin_set

    ayesha: User = request.getfixturevalue("client_ayesha")
    pin_set(user=ayesha, pin="2468", idle_minutes=5)
    return signed_in_client(ayesha), reverse("accounts:unlock")


def outcomes_page(name: str, persona: str = "client_ayesha", *, history: bool = True, instrument: str = "") -> Visit:
    """Check-ins: Ayesha with six months of answers and a PHQ-9 due (or only `instrument` due), seen by `persona`."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.outcomes.testing import assigned, half_a_year

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        due = half_a_year(ayesha, sana) if history else assigned(ayesha, sana, instrument or "phq9")
        args = {"outcomes:answer": [due.pk], "outcomes:client": [ayesha.pk]}.get(name)
        return signed_in_client(request.getfixturevalue(persona)), reverse(name, args=args)

    return visit


def onboarding_page(step: int = 1, *, simple: bool = False, suggested: bool = False) -> Visit:
    """The first-run guide (or, step 0, the home) as Ayesha, in simple mode and with the simple-mode suggestion."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.live.services import about_me_save

        ayesha: User = request.getfixturevalue("client_ayesha")
        if suggested:
            about_me_save(client=ayesha, age_band="65_up", tech_comfort="new")
        ayesha.simple_mode = simple
        ayesha.save(update_fields=["simple_mode"])
        url = reverse("onboarding:guide_step", args=[step]) if step else reverse("accounts:home")
        return signed_in_client(ayesha), url

    return visit


def training_page(name: str, persona: str = "therapist_sana") -> Visit:
    """Learning: Sana completed two modules (one since updated); Bilal none. The module is the longest."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.training.testing import completed

        sana: User = request.getfixturevalue("therapist_sana")
        request.getfixturevalue("therapist_bilal")
        completed(sana, "rapport-on-screen")
        completed(sana, "privacy-at-home", earlier_version=True)
        args = {"training:module": ["risk-at-a-distance"], "training:member": [sana.pk]}.get(name)
        return signed_in_client(request.getfixturevalue(persona)), reverse(name, args=args)

    return visit


def techniques_page(name: str, persona: str = "client_ayesha") -> Visit:
    """Practice: Ayesha given a thought record with a note and three entries (one seen with a comment), and a
    diary; seen by `persona`. The library page is the breathing one (the pacer)."""

    def visit(request: pytest.FixtureRequest) -> tuple[Client, str]:
        from dilasa.techniques import access
        from dilasa.techniques.testing import THOUGHTS, filled, given

        sana: User = request.getfixturevalue("therapist_sana")
        ayesha: User = request.getfixturevalue("client_ayesha")
        item = given(ayesha, sana, note="Write one down the next time it happens at work. " * 4)
        long = {k: (v * 6 if isinstance(v, str) else v) for k, v in THOUGHTS.items()}
        entries = [filled(item, long).entry for _ in range(3)]
        access.review(user=sana, entry_id=entries[0].pk, comment="Well noticed. " * 10)
        given(ayesha, sana, "diary")
        args = {
            "techniques:task": [item.pk],
            "techniques:client": [ayesha.pk],
            "techniques:technique": ["breathing"],
        }.get(name)
        return signed_in_client(request.getfixturevalue(persona)), reverse(name, args=args)

    return visit


PAGES: dict[str, Visit] = {
    "techniques:mine": techniques_page("techniques:mine"),
    "techniques:task": techniques_page("techniques:task"),
    "techniques:technique": techniques_page("techniques:technique"),
    "techniques:client": techniques_page("techniques:client", "therapist_sana"),
    "training:index": training_page("training:index"),
    "training:module": training_page("training:module"),
    "training:clinic": training_page("training:clinic", "admin_farah"),
    "training:member": training_page("training:member", "admin_farah"),
    "onboarding:guide": as_persona("client_ayesha", "onboarding:guide"),
    "onboarding:guide_step": onboarding_page(2),
    "outcomes:mine": outcomes_page("outcomes:mine"),
    "outcomes:answer": outcomes_page("outcomes:answer", history=False),
    "outcomes:progress": outcomes_page("outcomes:progress"),
    "outcomes:client": outcomes_page("outcomes:client", "therapist_sana"),
    "core:neutral": anonymous("core:neutral"),
    "accounts:screen": as_persona("client_ayesha", "accounts:screen"),
    "accounts:unlock": pin_page,
    "safety:crisis": anonymous("safety:crisis"),
    "safety:flags": safety_page("safety:flags", "therapist_sana"),
    "safety:flag": safety_page("safety:flag", "therapist_sana"),
    "safety:clinic_lines": safety_page("safety:clinic_lines", "admin_farah"),
    "rights:mine": as_persona("client_ayesha", "rights:mine"),
    "rights:cancel": erasure_cancel_link,
    "rights:retention": as_persona("admin_farah", "rights:retention"),
    "audit:my_access": audit_page("audit:my_access", "client_ayesha"),
    "audit:clinic_log": audit_page("audit:clinic_log", "admin_farah"),
    "audit:entry": audit_page("audit:entry", "admin_farah"),
    "audit:emergency": audit_page("audit:emergency", "admin_farah"),
    "consent:mine": as_persona("client_ayesha", "consent:mine"),
    "consent:document": agreement("online"),
    "scheduling_notices:reminders": as_persona("client_ayesha", "scheduling_notices:reminders"),
    "payments:pay": pay_page,
    "payments:receipt": payment_receipt,
    "payments:clinic": clinic_payments,
    "scheduling:clinic_policy": as_persona("admin_farah", "scheduling:clinic_policy"),
    "directory:search": directory_search,
    "directory:therapist": directory_therapist,
    "directory:match": anonymous("directory:match"),
    "directory:profile_edit": own_directory_profile("directory:profile_edit"),
    "directory:profile_preview": own_directory_profile("directory:profile_preview"),
    "scheduling:book": booking_page,
    "scheduling:my_appointments": with_booking("scheduling:my_appointments", "client_ayesha"),
    "scheduling:appointment": with_booking("scheduling:appointment", "client_ayesha", of_appointment=True),
    "scheduling:appointment_move": with_booking("scheduling:appointment_move", "client_ayesha", of_appointment=True),
    "scheduling:calendar": with_booking("scheduling:calendar", "therapist_sana"),
    "scheduling:hours": with_booking("scheduling:hours", "therapist_sana"),
    "scheduling:book_for_client": with_booking("scheduling:book_for_client", "therapist_sana"),
    "core:landing": anonymous("core:landing"),
    "accounts:login": anonymous("accounts:login"),
    "accounts:signup": anonymous("accounts:signup"),
    "accounts:signup_sent": anonymous("accounts:signup_sent"),
    "accounts:signup_verify": signup_confirmation,
    "accounts:password_reset": anonymous("accounts:password_reset"),
    "accounts:password_reset_sent": anonymous("accounts:password_reset_sent"),
    "accounts:password_reset_confirm": password_reset_form,
    "accounts:password_reset_done": anonymous("accounts:password_reset_done"),
    "accounts:invitation_accept": invitation,
    "accounts:home": as_persona("client_ayesha", "accounts:home"),
    "accounts:account": as_persona("therapist_sana", "accounts:account"),
    "accounts:password_change": as_persona("client_ayesha", "accounts:password_change"),
    "accounts:two_factor_setup": staff_before_second_step("accounts:two_factor_setup", with_device=False),
    "accounts:two_factor_verify": staff_before_second_step("accounts:two_factor_verify", with_device=True),
    "accounts:recovery_codes": fresh_recovery_codes,
    "accounts:clinic_team": as_persona("admin_farah", "accounts:clinic_team"),
    "live:check": anonymous("live:check"),
    "live:room": live_room("client_ayesha"),
    "live:after": live_room("client_ayesha", after=True),
    "messaging:inbox": messaging_thread("therapist_sana"),
    "messaging:thread": messaging_thread("client_ayesha"),
    "records:clients": records_page("records:clients"),
    "records:folder": records_page("records:folder"),
    "records:note_new": records_page("records:note_new"),
    "records:note": records_page("records:note"),
    "records:note_edit": records_page("records:note_edit"),
    "records:note_history": records_page("records:note_history"),
    "records:plan_edit": records_page("records:plan_edit"),
    "records:plan_history": records_page("records:plan_history"),
    "records:homework_new": records_page("records:homework_new"),
    "records:homework_edit": records_page("records:homework_edit"),
    "records:attachment_new": records_page("records:attachment_new"),
    "records:review": records_page("records:review", "supervisor"),
    "records:emergency": records_page("records:emergency", "admin_farah"),
    "records:supervision": records_page("records:supervision", "admin_farah"),
}


def after_feedback(request: pytest.FixtureRequest) -> tuple[Client, str]:
    """The client's page after the session once she has given feedback: it asks, once, her age and comfort."""
    client, url = live_room("client_ayesha", after=True)(request)
    client.post(url, {"session_rating": "4", "connection_rating": "3", "connected_rating": "5"})
    return client, url


# Pages reached under other names, measured as extra visits (a therapist's home differs from a client's).
EXTRA_VISITS: dict[str, Visit] = {
    "practice, therapist (people and the exercises)": techniques_page("techniques:mine", "therapist_sana"),
    "guide, last screen, simple mode": onboarding_page(4, simple=True),
    "guide, simple mode suggested": onboarding_page(3, suggested=True),
    "client home, simple mode": onboarding_page(0, simple=True),
    "client home, simple mode suggested": onboarding_page(0, suggested=True),
    "check-ins, therapist (needs attention)": outcomes_page("outcomes:mine", "therapist_sana"),
    "check-in, mood (eleven choices and a word)": outcomes_page("outcomes:answer", history=False, instrument="mood"),
    "help page, client in care who asked for help": safety_page("safety:crisis", "client_ayesha"),
    "needs attention, clinic admin": safety_page("safety:flags", "admin_farah"),
    "access log entry, therapist told of an emergency": audit_page("audit:entry", "therapist_sana"),
    "agreement, already agreed": agreement("online", agreed=True),
    "agreement, supervisor": agreement("supervisor"),
    "reminders, calendar address shown once": reminders_with_new_calendar_address,
    "reminders, therapist (calendar only)": as_persona("therapist_sana", "scheduling_notices:reminders"),
    "therapist home": as_persona("therapist_sana", "accounts:home"),
    "device check, signed in": as_persona("client_ayesha", "live:check"),
    "session room, therapist": live_room("therapist_sana"),
    "after the session, therapist": live_room("therapist_sana", after=True),
    "after the session, with the once-only question": after_feedback,
    "messages, client with nothing yet": as_persona("client_ayesha", "messaging:inbox"),
    "new note, SOAP sections": records_page("records:note_new", query="?template=soap"),
    "a folder in an emergency": records_page("records:review", "admin_farah"),
}
NOT_PAGES: dict[str, str] = {
    "techniques:review": "POST-only: marks an entry seen (with a comment) and redirects",
    "training:clinic_csv": "a CSV download of the clinic's learning (dilasa/training/tests/test_clinic_progress.py)",
    "onboarding:guide_done": "POST-only: finishes or skips the guide and redirects home",
    "onboarding:simple_mode": "POST-only: turns simple mode on or off and redirects back",
    "outcomes:stop": "POST-only action that redirects",
    "core:leave": "POST-only: quick exit signs this browser out and redirects to the neutral page",
    "accounts:still_here": "POST-only empty 204: the page says someone is typing, so a PIN lock counts them present",
    "safety:help_now": "POST-only: raises a flag and redirects to the help page (dilasa/safety/tests/test_help_now.py)",
    "safety:clinic_line_remove": "POST-only action that redirects",
    "safety:on_call": "POST-only action that redirects",
    "safety:service_worker": "the service worker script (about 2 KB; test_service_worker.py)",
    "rights:export": "POST-only (password): a JSON download or the page to print (dilasa/rights/tests/test_export.py)",
    "rights:erase": "POST-only (password): closes the account and answers with the link to keep it",
    "audit:clinic_log_csv": "a CSV download of the access log (test_clinic_log.py)",
    "records:note_sign": "POST-only action that redirects",
    "records:note_addendum": "POST-only action that redirects (shows its form again on a mistake)",
    "records:supervision_end": "POST-only action that redirects",
    "records:attachment": "a file download (attachment), not a page (test_attachments.py)",
    "consent:withdraw": "POST-only action that redirects",
    "scheduling_notices:calendar_link_new": "POST-only action that redirects",
    "scheduling_notices:calendar_link_off": "POST-only action that redirects",
    "scheduling_notices:calendar_feed": "text/calendar feed for calendar apps (tested in test_calendar_feed.py)",
    "payments:confirm": "POST-only action that redirects",
    "payments:reject": "POST-only action that redirects",
    "payments:refund": "POST-only action that redirects",
    "directory:photo": "image bytes (at most 60 KB), opened only on request; not a page",
    "scheduling:appointment_cancel": "POST-only action that redirects",
    "scheduling:appointment_record": "POST-only action that redirects",
    "accounts:logout": "POST-only action that redirects",
    "accounts:two_factor_disable": "POST-only action that redirects",
    "accounts:clinic_verify": "POST-only action that redirects",
    "core:set_language": "POST-only action that redirects",
    "core:healthz": "JSON for load balancers",
    "live:mood": "POST-only action that redirects back to the room",
    "live:check_ping": "empty 204 answer the device check times (tested in test_check_endpoints.py)",
    "live:check_download": "random bytes the device check times, at most 512 KB (test_check_endpoints.py)",
    "live:check_upload": "POST-only: bytes the device check times uploading (test_check_endpoints.py)",
    "messaging:start": "POST-only action that redirects to the conversation",
    "messaging:file": "a sent file (image or PDF, at most 2 MB) as a download; not a page (test_attachments.py)",
}


@dataclass
class Weight:
    html: int
    assets: dict[str, int]

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


def compressed_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def weigh(client: Client, url: str) -> Weight:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200, (url, response.status_code)
    body = response.content
    html = gzip.decompress(body).decode() if response.get("Content-Encoding") == "gzip" else body.decode()
    wire_html = len(body) + sum(len(k) + len(v) + 4 for k, v in response.items())
    assets: dict[str, int] = {}
    for src in ASSET.findall(html):
        assert not re.match(r"^(https?:)?//", src), f"{url} asks a third party for {src}"
        if src.startswith("data:"):
            continue
        assert src.startswith("/static/"), f"{url} references {src}"
        path = finders.find(src.removeprefix("/static/"))
        assert path, f"{url} references missing {src}"
        with open(path, "rb") as handle:
            assets[src] = compressed_size(handle.read())
    return Weight(html=wire_html, assets=assets)


def test_every_url_is_either_measured_or_explained() -> None:
    unlisted = url_names() - set(PAGES) - set(NOT_PAGES)
    assert not unlisted, f"add these URL names to PAGES (with a way to visit) or NOT_PAGES: {sorted(unlisted)}"
    stale = (set(PAGES) | set(NOT_PAGES)) - url_names()
    assert not stale, f"these names no longer exist: {sorted(stale)}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("page", sorted(PAGES) + sorted(EXTRA_VISITS))
def test_each_page_fits_the_budget(page: str, language: str, request: pytest.FixtureRequest) -> None:
    client, url = (PAGES | EXTRA_VISITS)[page](request)
    client.cookies["dilasa_lang"] = language
    weight = weigh(client, url)
    print(f"\n{page:<34} {language}  html {weight.html:>6} B  total {weight.total:>6} B")  # noqa: T201
    assert weight.html <= HTML_BUDGET, f"{page}: HTML {weight.html} B > {HTML_BUDGET} B"
    assert weight.total <= PAGE_BUDGET, f"{page}: cold load {weight.total} B > {PAGE_BUDGET} B"
