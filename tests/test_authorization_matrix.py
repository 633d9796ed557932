"""The authorisation matrix: every URL and WebSocket route, tried by every role on someone else's objects.

The world: Ayesha (a client) in the care of Sana (a therapist at Sukoon), with a session held (chat,
mood word, note, feedback), a booked and a paid appointment, and each app's own objects as they are
added to `World`. Outsiders: nobody signed in, another client (Kamran), a therapist of the same clinic
who is not Ayesha's (Bilal), the admin of another clinic (Omar), and, for clinic-only actions, the
client and therapist themselves.

For each URL that names an object, every outsider's GET and POST must be refused (404, 403 or 405; the
sign-in page for nobody), must show none of the world's canary strings, and must change nothing in
the database; then the rightful user's request must NOT be refused, so a wrong id cannot pass for a
refusal. Every URL without an object is visited by every persona, and no canary may show. The test
walks the URL configuration: a new URL that names an object must be listed in OBJECT_URLS or, with a
reason, in NOT_OBJECTS.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.apps import apps
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.asgi import application
from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent
from dilasa.live import services as live
from dilasa.live.access import access_room
from dilasa.live.testing import appointment_soon
from dilasa.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "client_ayesha",
    "client_kamran",
    "therapist_sana",
    "therapist_bilal",
    "admin_farah",
    "admin_omar",
)
REFUSED = {403, 404, 405}


CLINICAL = ("client_ayesha", "therapist_sana")  # who may see Ayesha's clinical words
NAMED = (*CLINICAL, "admin_farah")  # who may see her name: also her therapist's clinic admin (access log)


@dataclass
class World:
    ayesha: User
    sana: User
    farah: User
    canaries: dict[str, tuple[str, ...]] = field(default_factory=dict)  # text -> who may see it
    ids: dict[str, int] = field(default_factory=dict)

    def canary(self, label: str, seen_by: tuple[str, ...] = CLINICAL) -> str:
        text = f"canary-{label}-{uuid.uuid4().hex[:10]}"
        self.canaries[text] = seen_by
        return text


def build_world(request: pytest.FixtureRequest) -> World:
    from dilasa.messaging import services as messaging
    from dilasa.messaging.testing import put_in_care
    from dilasa.payments import services as payments
    from dilasa.records import access as records
    from dilasa.records.models import Supervision
    from dilasa.records.testing import PDF_BYTES, appointment_together
    from dilasa.scheduling import services as scheduling
    from dilasa.scheduling.testing import karachi, open_every_day

    ayesha: User = request.getfixturevalue("client_ayesha")
    sana: User = request.getfixturevalue("therapist_sana")
    world = World(ayesha=ayesha, sana=sana, farah=request.getfixturevalue("admin_farah"))
    for name in PERSONAS[2:]:
        request.getfixturevalue(name)
    ayesha.display_name = world.canary("name", NAMED)
    ayesha.save()

    session = appointment_soon(ayesha, sana)
    room = access_room(user=ayesha, appointment_id=session.pk)
    live.mood_check_in(room=room, by=ayesha, value=2, word=world.canary("mood"))
    live.chat_post(room_id=room.pk, by=ayesha, client_id=uuid.uuid4(), body=world.canary("chat"))
    live.note_save(room=room, by=sana, body=world.canary("note"))
    world.ids |= {"session": session.pk, "room": room.pk}

    open_every_day(sana)
    booked = scheduling.appointment_book(
        client=ayesha, therapist=sana, starts_at=karachi(3, 10), mode="video", booked_by=ayesha
    )
    payment = payments.payment_submit(
        appointment=booked, payer=ayesha, method="jazzcash", reference="TX12345678", amount_pkr=booked.fee_pkr
    ).payment
    unverified = request.getfixturevalue("therapist_bilal")
    world.ids |= {"booked": booked.pk, "payment": payment.pk, "unverified": unverified.pk}

    appointment_together(ayesha, sana)
    soap = {part: world.canary(part) for part in ("subjective", "objective", "assessment", "plan")}
    note = records.write_note(user=sana, client_id=ayesha.pk, template="soap", sections=soap)
    plan = records.write_plan(
        user=sana,
        client_id=ayesha.pk,
        goals=world.canary("goals"),
        interventions=world.canary("steps"),
        review_on=None,
        base_revision=0,
    )
    task = records.write_homework(
        user=sana, client_id=ayesha.pk, title=world.canary("task"), instructions=world.canary("do"), due_on=None
    )
    attached = records.write_attachment(user=sana, client_id=ayesha.pk, name="letter.pdf", data=PDF_BYTES)
    supervisor = make_user("zara@example.com", display_name="Dr Zara", role="therapist", organisation=sana.organisation)
    supervision = Supervision.objects.create(
        organisation=sana.organisation, supervisor=supervisor, supervisee=sana, assigned_by=world.farah
    )
    world.ids |= {
        "note": note.pk,
        "plan": plan.pk,
        "homework": task.pk,
        "attachment": attached.pk,
        "supervision": supervision.pk,
    }

    put_in_care(ayesha, sana)
    thread = messaging.thread_start(user=ayesha, other_id=sana.pk)
    upload = messaging.Upload(name="scan.pdf", data=PDF_BYTES)
    sent = messaging.message_send(
        user=ayesha, thread_id=thread.pk, client_id=uuid.uuid4(), body=world.canary("message"), upload=upload
    )
    world.ids |= {"thread": thread.pk, "message_seq": sent.message.seq}
    world.ids["event"] = (
        AccessEvent.objects.filter(subject_id=ayesha.pk).order_by("-seq").values_list("seq", flat=True)[0]
    )
    build_safety(world)
    build_outcomes(world)
    build_techniques(world)
    build_training(world)
    return world


def build_training(world: World) -> None:
    """Sana completed a learning module: her progress is for her and her own clinic's admin only."""
    from dilasa.training.testing import completed

    completed(world.sana, "risk-at-a-distance")


def build_outcomes(world: World) -> None:
    """A check-in answered with a word (for Ayesha and Sana only) and one due now."""
    from dilasa.outcomes.testing import answered, assigned

    answered(assigned(world.ayesha, world.sana, "mood"), [4], word=world.canary("mood-word"))
    world.ids["assignment"] = assigned(world.ayesha, world.sana, "phq9").pk


def build_techniques(world: World) -> None:
    """An exercise with a note, filled in and marked seen with a comment (for Ayesha and Sana only)."""
    from dilasa.techniques import access
    from dilasa.techniques.testing import THOUGHTS, filled, given

    item = given(world.ayesha, world.sana, note=world.canary("practice-note"))
    entry = filled(item, THOUGHTS | {"thought": world.canary("practice-entry")}).entry
    access.review(user=world.sana, entry_id=entry.pk, comment=world.canary("practice-comment"))
    world.ids |= {"practice": item.pk, "practice_entry": entry.pk}


def build_safety(world: World) -> None:
    """A flag answered with a note (detail and note for the care team and the clinic's admin, not for the
    client), an open one in everyone's lists, and a line only the clinic's clients see on the help page."""
    from dilasa.safety import services as safety

    answered = safety.raise_flag(
        client=world.ayesha, source="phq9_item9", detail=world.canary("flag-detail", ("therapist_sana", "admin_farah"))
    )
    note = world.canary("flag-note", ("therapist_sana", "admin_farah"))
    safety.flag_acknowledge(flag=answered, user=world.sana, action="spoke", note=note)
    safety.raise_flag(client=world.ayesha, source="help_button", raised_by=world.ayesha)
    organisation = world.sana.organisation
    assert organisation is not None
    line = safety.clinic_helpline_add(
        organisation=organisation,
        added_by=world.farah,
        name=world.canary("clinic-line", ("client_ayesha", "admin_farah")),
        number="051-1234567",
        hours="",
        languages="",
        purpose="",
    )
    world.ids |= {"flag": answered.pk, "clinic_line": line.pk}


def emergency_grant(world: World) -> None:
    from dilasa.audit.services import emergency_access_open

    emergency_access_open(admin=world.farah, client_id=world.ayesha.pk, reason="She said she is unsafe tonight.")


def end_session(world: World) -> None:
    live.room_admit(room_id=world.ids["room"], by=world.sana)
    live.room_end(room_id=world.ids["room"], by=world.sana)


def confirmed(world: World) -> None:
    from dilasa.payments import services as payments
    from dilasa.payments.models import Payment

    payments.payment_confirm(admin=world.farah, payment=Payment.objects.get(pk=world.ids["payment"]))


@dataclass(frozen=True)
class Target:
    kwargs: Callable[[World], dict[str, Any]]
    insiders: tuple[str, ...]  # who may use it; the first is the rightful user the test tries last
    prepare: Callable[[World], None] | None = None  # what the rightful user needs first (never given to outsiders)


def appointment(key: str, *insiders: str) -> Target:
    return Target(lambda w: {"appointment_id": w.ids[key]}, insiders or CLINICAL)


def payment(*insiders: str) -> Target:
    return Target(lambda w: {"payment_id": w.ids["payment"]}, insiders)


def folder(**extra: str) -> Target:
    return Target(lambda w: {"client_id": w.ayesha.pk} | {k: w.ids[v] for k, v in extra.items()}, ("therapist_sana",))


def record(kind: str) -> Target:
    return Target(lambda w: {f"{kind}_id": w.ids[kind]}, ("therapist_sana",))


OBJECT_URLS: dict[str, Target] = {
    "scheduling:appointment": appointment("booked", *CLINICAL, "admin_farah"),  # the clinic runs its diary
    "scheduling:appointment_move": appointment("booked"),
    "scheduling:appointment_record": appointment("booked", "therapist_sana"),
    "scheduling:appointment_cancel": appointment("booked"),
    "payments:pay": appointment("booked", "client_ayesha"),
    "payments:receipt": Target(
        lambda w: {"payment_id": w.ids["payment"]}, ("client_ayesha", "admin_farah", "therapist_sana"), confirmed
    ),
    "payments:confirm": payment("admin_farah"),
    "payments:reject": payment("admin_farah"),
    "payments:refund": payment("admin_farah"),
    "live:room": appointment("session"),
    "live:mood": appointment("session", "client_ayesha"),
    "live:after": Target(lambda w: {"appointment_id": w.ids["session"]}, CLINICAL, end_session),
    "accounts:clinic_verify": Target(lambda w: {"user_id": w.ids["unverified"]}, ("admin_farah",)),
    "records:folder": folder(),
    "records:note_new": folder(),
    "records:plan_edit": folder(),
    "records:homework_new": folder(),
    "records:attachment_new": folder(),
    "records:emergency": Target(lambda w: {"client_id": w.ayesha.pk}, ("admin_farah",), emergency_grant),
    "records:review": Target(
        lambda w: {"client_id": w.ayesha.pk, "therapist_id": w.sana.pk}, ("admin_farah",), emergency_grant
    ),
    "records:note": record("note"),
    "records:note_edit": record("note"),
    "records:note_history": record("note"),
    "records:note_sign": record("note"),
    "records:note_addendum": record("note"),
    "records:plan_history": record("plan"),
    "records:homework_edit": record("homework"),
    "records:attachment": record("attachment"),
    "records:supervision_end": Target(lambda w: {"supervision_id": w.ids["supervision"]}, ("admin_farah",)),
    "messaging:thread": Target(lambda w: {"thread_id": w.ids["thread"]}, CLINICAL),
    "messaging:file": Target(lambda w: {"thread_id": w.ids["thread"], "seq": w.ids["message_seq"]}, CLINICAL),
    "audit:entry": Target(lambda w: {"seq": w.ids["event"]}, ("admin_farah",)),
    "safety:flag": Target(lambda w: {"flag_id": w.ids["flag"]}, ("therapist_sana", "admin_farah")),
    "safety:clinic_line_remove": Target(lambda w: {"line_id": w.ids["clinic_line"]}, ("admin_farah",)),
    "outcomes:answer": Target(lambda w: {"assignment_id": w.ids["assignment"]}, ("client_ayesha",)),
    "outcomes:stop": Target(lambda w: {"assignment_id": w.ids["assignment"]}, ("therapist_sana",)),
    "outcomes:client": folder(),
    "techniques:task": Target(lambda w: {"assignment_id": w.ids["practice"]}, ("client_ayesha",)),
    "techniques:client": folder(),
    "techniques:review": Target(lambda w: {"entry_id": w.ids["practice_entry"]}, ("therapist_sana",)),
    "training:member": Target(lambda w: {"user_id": w.sana.pk}, ("admin_farah",)),
}
NOT_OBJECTS: dict[str, str] = {
    "onboarding:guide_step": "the number is a screen of the same guide, the same for every client; no one's object",
    "techniques:technique": "the slug names an exercise of the library, the same for everyone",
    "training:module": "the slug names a learning module, the same for every therapist; only their own progress shows",
    "scheduling:book": "public: any client may book any verified therapist (the directory lists them)",
    "directory:therapist": "public profile of a listed therapist",
    "directory:photo": "public photo of a listed therapist",
    "accounts:signup_verify": "the token is the capability (signed, expiring; tested in accounts)",
    "accounts:password_reset_confirm": "the token is the capability (Django's; tested in accounts)",
    "accounts:invitation_accept": "the token is the capability (hashed, one-time; tested in accounts)",
    "scheduling_notices:calendar_feed": "the secret token is the capability (tested in test_calendar_feed.py)",
    "rights:cancel": "the signed token is the capability (tested in dilasa/rights/tests/test_erasure.py)",
    "consent:document": "the slug names a kind of agreement; only the signed-in client's own state is shown",
    "consent:withdraw": "the slug names a kind of agreement; only the signed-in client's own consent changes",
}


def url_patterns() -> dict[str, set[str]]:
    """URL name -> the names of its arguments."""
    found: dict[str, set[str]] = {}

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif pattern.name:
                found[f"{namespace}{pattern.name}"] = set(pattern.pattern.regex.groupindex)

    walk(get_resolver().url_patterns, "")
    return found


def fingerprint() -> dict[str, str]:
    """A digest of every Dilasa model's rows: any change by a refused request shows, named by its model."""
    digests = {}
    for model in apps.get_models():
        if model.__module__.startswith("dilasa."):
            digest = hashlib.sha256()
            for row in model._default_manager.order_by("pk").values_list():
                digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
            digests[model._meta.label] = digest.hexdigest()
    return digests


def browser(request: pytest.FixtureRequest, persona: str) -> Client:
    return Client() if persona == "anonymous" else signed_in_client(request.getfixturevalue(persona))


def leaks(world: World, body: bytes, persona: str) -> list[str]:
    """The canaries in `body` that `persona` may not see."""
    return [text for text, seen_by in world.canaries.items() if persona not in seen_by and text.encode() in body]


def test_every_url_that_names_an_object_is_in_the_matrix() -> None:
    named = {name for name, args in url_patterns().items() if args}
    assert named - set(OBJECT_URLS) - set(NOT_OBJECTS) == set(), "add to OBJECT_URLS or NOT_OBJECTS"
    assert (set(OBJECT_URLS) | set(NOT_OBJECTS)) - named == set(), "stale entries"


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_outsiders_get_nothing_from_another_persons_object(request: pytest.FixtureRequest, name: str) -> None:
    world = build_world(request)
    target = OBJECT_URLS[name]
    url = reverse(name, kwargs=target.kwargs(world))
    outsiders = {p: browser(request, p) for p in PERSONAS if p not in target.insiders}  # signing in is a change
    before = fingerprint()
    for persona, page in outsiders.items():
        for method in ("get", "post"):
            response = getattr(page, method)(url)
            if persona == "anonymous" and response.status_code == 302:
                assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), (persona, method)
            else:
                assert response.status_code in REFUSED, (persona, method, response.status_code)
            assert leaks(world, response.content, persona) == [], (persona, method)
        after = fingerprint()
        assert [m for m in before if before[m] != after[m]] == [], f"{persona}'s refused request changed these"
    if target.prepare is not None:
        target.prepare(world)
    rightful = browser(request, target.insiders[0])
    response = rightful.get(url)
    if response.status_code == 405:
        response = rightful.post(url)
    assert response.status_code not in {403, 404}, "the rightful user is refused too: the matrix tests nothing"


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_shows_another_persons_data(request: pytest.FixtureRequest, persona: str) -> None:
    world = build_world(request)
    page = browser(request, persona)
    for name, args in url_patterns().items():
        if not args:
            response = page.get(reverse(name))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert leaks(world, body, persona) == [], name


ROUTES = {
    "live": lambda w: f"/ws/live/{w.ids['room']}/",
    "messaging": lambda w: f"/ws/messaging/{w.ids['thread']}/",
}


@pytest.mark.django_db(transaction=True)  # the consumer reads the database from its own thread
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_outsiders_cannot_open_another_persons_socket(request: pytest.FixtureRequest, route: str) -> None:
    world = build_world(request)
    path = ROUTES[route](world)

    def attempt(persona: str) -> tuple[bool, list[Any]]:
        headers = [(b"origin", b"http://127.0.0.1")]
        if persona != "anonymous":
            cookie = signed_in_client(request.getfixturevalue(persona)).cookies[settings.SESSION_COOKIE_NAME].value
            headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))

        async def run() -> tuple[bool, list[Any]]:
            comm = WebsocketCommunicator(application, path, headers=headers)
            connected, _ = await comm.connect(timeout=5)
            heard = []
            if connected:
                while not await comm.receive_nothing(timeout=0.3):
                    heard.append(await comm.receive_output(timeout=1))
            await comm.disconnect()
            return connected, heard

        result: tuple[bool, list[Any]] = async_to_sync(run)()
        return result

    for persona in ("anonymous", "client_kamran", "therapist_bilal", "admin_farah", "admin_omar"):
        connected, heard = attempt(persona)
        # Refused: never accepted, or accepted only to be closed with a reason code, having heard nothing.
        assert not connected or [frame["type"] for frame in heard] == ["websocket.close"], (persona, heard)
    connected, heard = attempt("client_ayesha")
    assert connected, "the rightful user gets in: the refusals above mean something"
    assert "websocket.close" not in [frame["type"] for frame in heard]


def test_every_recorded_access_is_named_in_words_for_the_client(request: pytest.FixtureRequest) -> None:
    """The world's writes and reads leave audit events of every kind; each kind has words on the client's page."""
    from dilasa.audit.targets import _KINDS, kind_of

    build_world(request)
    kinds = set(AccessEvent.objects.values_list("target", flat=True))
    assert {kind_of(target) for target in kinds} - set(_KINDS) == set()
