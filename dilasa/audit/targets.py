"""Human words for audit targets ("live.note:12" -> "a session note"), for the client's and the clinic's pages.

A target's kind is the part before the colon. Apps that record their own kinds name them here with
`register_kind` (from their AppConfig.ready); an unknown kind reads as "other information".
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_KINDS: dict[str, str | Promise] = {
    "live.mood": _("how you felt before a session"),
    "live.feelings": _("how you felt during a session"),
    "live.chat": _("the chat in a session"),
    "live.note": _("your therapist's note of a session"),
    "live.feedback": _("your feedback on a session"),
    "records.client": _("all your records"),
    "audit.reason": _("the reason given for an emergency access"),
    "audit.log": _("the clinic's access log"),
}


def register_kind(kind: str, label: str | Promise) -> None:
    _KINDS[kind] = label


def kind_of(target: str) -> str:
    return target.split(":", 1)[0]


def describe(target: str) -> str:
    return str(_KINDS.get(kind_of(target), _("other information")))
