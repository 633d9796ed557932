"""Writes for outcome measures: assigning, stopping, and submitting answers (with the crisis pathway).

No access checks here: dilasa.outcomes.access checks who may do what, audits, and calls these inside its
transaction. Answers are scored by the pure functions in scoring.py, sealed, and stored once per occurrence
and once per submission id.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.core.crypto import seal
from dilasa.outcomes import due, scoring, texts
from dilasa.outcomes.models import Assignment, Instrument, Response, Schedule
from dilasa.scheduling.models import Appointment, Status

WORD_MAX = 80
EVERY_DAYS_MAX = 90
ITEM9_SOURCE = "phq9_item9"


def answers_context(submission_id: uuid.UUID | str, client_id: int) -> str:
    return f"outcomes.response.answers:{submission_id}:{client_id}"


def word_context(submission_id: uuid.UUID | str, client_id: int) -> str:
    return f"outcomes.response.word:{submission_id}:{client_id}"


def client_today(client: User, now: datetime | None = None) -> date:
    """Today in the client's own calendar (schedules follow their days, not the server's)."""
    try:
        zone = ZoneInfo(client.time_zone or "Asia/Karachi")
    except (ValueError, KeyError):
        zone = ZoneInfo("Asia/Karachi")
    return (now or timezone.now()).astimezone(zone).date()


def upcoming_sessions(*, client_id: int, therapist_id: int, now: datetime) -> list[due.Session]:
    rows = Appointment.objects.filter(
        client_id=client_id,
        therapist_id=therapist_id,
        status=Status.BOOKED,
        ends_at__gt=now,
        starts_at__lte=now + due.SESSION_LEAD,
    ).order_by("starts_at")
    return [due.Session(a.pk, a.starts_at, a.ends_at) for a in rows[:3]]


def plan_of(assignment: Assignment) -> due.Plan:
    return due.Plan(
        schedule=assignment.schedule,
        every_days=assignment.every_days,
        starts_on=assignment.starts_on,
        ends_on=assignment.ends_on,
        stopped=assignment.stopped_at is not None,
    )


def occurrence_now(assignment: Assignment, *, now: datetime | None = None) -> str | None:
    now = now or timezone.now()
    sessions = (
        upcoming_sessions(client_id=assignment.client_id, therapist_id=assignment.therapist_id, now=now)
        if assignment.schedule == Schedule.BEFORE_SESSION
        else []
    )
    return due.occurrence_now(
        plan_of(assignment), today=client_today(assignment.client, now), now=now, sessions=sessions
    )


def assignment_create(
    *,
    therapist: User,
    client: User,
    instrument: str,
    schedule: str,
    every_days: int | None = None,
    ends_on: date | None = None,
    now: datetime | None = None,
) -> Assignment:
    if instrument not in Instrument.values:
        raise ValidationError(_("Choose a questionnaire."))
    if schedule not in Schedule.values:
        raise ValidationError(_("Choose how often."))
    if schedule == Schedule.EVERY:
        if every_days is None or not 1 <= every_days <= EVERY_DAYS_MAX:
            raise ValidationError(_("Say every how many days, from 1 to %(max)s.") % {"max": EVERY_DAYS_MAX})
    else:
        every_days = None
    today = client_today(client, now)
    if ends_on is not None and ends_on < today:
        raise ValidationError(_("The last day cannot be in the past."))
    if schedule == Schedule.EVERY and ends_on is None:
        raise ValidationError(_("A repeating check-in needs a last day."))
    return Assignment.objects.create(
        client=client,
        therapist=therapist,
        instrument=instrument,
        schedule=schedule,
        every_days=every_days,
        starts_on=today,
        ends_on=ends_on,
    )


def assignment_stop(*, assignment: Assignment, now: datetime | None = None) -> Assignment:
    if assignment.stopped_at is None:
        assignment.stopped_at = now or timezone.now()
        assignment.save(update_fields=["stopped_at"])
    return assignment


@dataclass(frozen=True)
class Submitted:
    response: Response
    created: bool  # False: this submission id was already stored (a double submit), nothing new written
    score: scoring.Score


def _existing(submission_id: uuid.UUID, assignment: Assignment) -> Response | None:
    found = Response.objects.filter(submission_id=submission_id).first()
    if found is not None and found.assignment_id != assignment.pk:
        raise ValidationError(_("This form was already sent. Open the check-in again."))
    return found


def response_submit(
    *,
    assignment: Assignment,
    occurrence: str,
    submission_id: uuid.UUID,
    answers: Sequence[int],
    word: str = "",
    text: texts.Text,
    now: datetime | None = None,
) -> Submitted:
    """Store the answers to the occurrence open now, once. Call inside a transaction holding a lock on the
    assignment row. A PHQ-9 with item 9 above 0 raises a safety flag to the client's therapists at once."""
    now = now or timezone.now()
    try:
        checked = scoring.check_answers(assignment.instrument, answers)
    except scoring.ScoringError:
        raise ValidationError(_("Please answer every question.")) from None
    result = scoring.score(assignment.instrument, checked)
    earlier = _existing(submission_id, assignment)
    if earlier is not None:
        return Submitted(earlier, created=False, score=result)
    if occurrence_now(assignment, now=now) != occurrence:
        raise ValidationError(_("This check-in is closed now. Nothing was saved."), code="stale")
    if Response.objects.filter(assignment=assignment, occurrence=occurrence).exists():
        raise ValidationError(_("You have already answered this check-in."), code="answered")
    word = word.strip()
    if len(word) > WORD_MAX:
        raise ValidationError(_("Keep the word short (at most %(max)s letters).") % {"max": WORD_MAX})
    client_id = assignment.client_id
    try:
        with transaction.atomic():
            response = Response.objects.create(
                assignment=assignment,
                client_id=client_id,
                instrument=assignment.instrument,
                occurrence=occurrence,
                submission_id=submission_id,
                total=result.total,
                band=result.band,
                answers=seal(json.dumps(list(checked)), context=answers_context(submission_id, client_id)),
                word=seal(word, context=word_context(submission_id, client_id)) if word else None,
                text_language=text.language,
                text_validated=text.validated,
                text_sha256=text.sha256,
                submitted_at=now,
            )
    except IntegrityError:
        # A simultaneous submit of the same form won the race: answer as for a double submit.
        earlier = _existing(submission_id, assignment)
        if earlier is None:
            raise ValidationError(_("You have already answered this check-in."), code="answered") from None
        return Submitted(earlier, created=False, score=result)
    if result.crisis:
        from dilasa.safety.services import raise_flag

        value = checked[scoring.PHQ9_ITEM9]
        detail = f"PHQ-9 item 9 = {value}/3; total {result.total}/27 ({result.band})"
        raise_flag(client=assignment.client, source=ITEM9_SOURCE, detail=detail)
    return Submitted(response, created=True, score=result)


def recent_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=30)
