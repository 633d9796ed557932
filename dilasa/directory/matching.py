"""Matching a client's answers to listed therapists: pure, no database, deterministic.

Hard requirements (a therapist who misses one is not shown at all):
- language, when the client names one: a session in a language you do not
  share cannot work, so "prefer" would only waste a booking;
- therapist gender, when the client asks for one: many clients (often women)
  can talk only to a woman; a near miss ranked lower would break that trust;
- mode, when the client picks one: it is usually what their phone, connection
  or privacy at home allows, and a session cannot be held in an unoffered mode;
- budget: the lowest fee the therapist takes (their sliding-scale floor, or
  free hours) must fit; "free only" needs free sessions.

Soft preferences (they order the list):
- each concern the therapist works with: +10 ("not sure" adds nothing);
- times open in the next 7 days: +8, a little less than one shared concern,
  because the right person next week beats the wrong one tomorrow.

Equal scores break on name, then id, so the same answers always give the
same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dilasa.directory.models import Gender
from dilasa.directory.vocabulary import LANGUAGE_NAMES, SPECIALITY_NAMES
from dilasa.scheduling.models import Mode

CONCERN_POINTS: Final = 10
SOON_POINTS: Final = 8

_GENDER_REASONS: Final[dict[str, Promise]] = {
    Gender.WOMAN: gettext_lazy("A woman, as you asked"),
    Gender.MAN: gettext_lazy("A man, as you asked"),
    Gender.ANOTHER: gettext_lazy("Of the gender you asked for"),
}
_MODE_REASONS: Final[dict[str, Promise]] = {
    Mode.VIDEO: gettext_lazy("Offers video sessions"),
    Mode.AUDIO: gettext_lazy("Offers voice-only sessions"),
    Mode.TEXT: gettext_lazy("Offers text-chat sessions"),
    Mode.IN_PERSON: gettext_lazy("Sees clients in person"),
}
_TOPIC_ORDER: Final = {slug: i for i, slug in enumerate(SPECIALITY_NAMES)}


@dataclass(frozen=True)
class Candidate:
    therapist_id: int
    name: str
    gender: str
    languages: frozenset[str]
    modes: frozenset[str]
    fee: int
    lowest_fee: int  # the sliding-scale floor, or the fee
    free_hours: bool  # some weekly hours cost nothing
    specialities: frozenset[str]
    has_times_soon: bool = False

    @property
    def offers_free(self) -> bool:
        return self.lowest_fee == 0 or self.free_hours


@dataclass(frozen=True)
class Preferences:
    concerns: frozenset[str] = field(default_factory=frozenset)  # speciality slugs; empty means "not sure"
    language: str | None = None
    gender: str | None = None
    mode: str | None = None
    budget: int | None = None  # most the client can pay for a session, in PKR
    free_only: bool = False


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...]


def eligible(candidate: Candidate, preferences: Preferences) -> bool:
    """Meets every hard requirement."""
    p = preferences
    return (
        (p.language is None or p.language in candidate.languages)
        and (p.gender is None or candidate.gender == p.gender)
        and (p.mode is None or p.mode in candidate.modes)
        and (not p.free_only or candidate.offers_free)
        and (p.budget is None or candidate.lowest_fee <= p.budget or candidate.offers_free)
    )


def _budget_reason(candidate: Candidate, preferences: Preferences) -> str | None:
    if preferences.free_only:
        return _("Offers free sessions")
    if preferences.budget is None:
        return None
    if candidate.fee <= preferences.budget:
        return _("Within your budget")
    if candidate.lowest_fee <= preferences.budget:
        return _("Within your budget on a sliding scale")
    return _("Offers some free sessions")


def _score(candidate: Candidate, preferences: Preferences) -> Match:
    reasons: list[str] = []
    if preferences.language is not None:
        name = LANGUAGE_NAMES.get(preferences.language, preferences.language)
        reasons.append(_("Speaks %(language)s") % {"language": name})
    if preferences.gender is not None and preferences.gender in _GENDER_REASONS:
        reasons.append(str(_GENDER_REASONS[preferences.gender]))
    if preferences.mode is not None and preferences.mode in _MODE_REASONS:
        reasons.append(str(_MODE_REASONS[preferences.mode]))
    budget = _budget_reason(candidate, preferences)
    if budget is not None:
        reasons.append(budget)
    shared = sorted(
        preferences.concerns & candidate.specialities, key=lambda slug: _TOPIC_ORDER.get(slug, len(_TOPIC_ORDER))
    )
    reasons.extend(_("Works with: %(topic)s") % {"topic": SPECIALITY_NAMES.get(slug, slug)} for slug in shared)
    if candidate.has_times_soon:
        reasons.append(_("Has times this week"))
    score = CONCERN_POINTS * len(shared) + (SOON_POINTS if candidate.has_times_soon else 0)
    return Match(candidate=candidate, score=score, reasons=tuple(reasons))


def rank(candidates: Iterable[Candidate], preferences: Preferences) -> list[Match]:
    """The eligible candidates, best first, each with the plain reasons it fits."""
    matches = [_score(c, preferences) for c in candidates if eligible(c, preferences)]

    return sorted(matches, key=lambda m: (-m.score, m.candidate.name.casefold(), m.candidate.therapist_id))
