"""Words shown for instruments and bands (translated). Clients see neutral names: "Check-in"."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

BAND_WORDS: dict[str, Promise] = {
    "minimal": _("minimal"),
    "mild": _("mild"),
    "moderate": _("moderate"),
    "moderately_severe": _("moderately severe"),
    "severe": _("severe"),
}

# What a client sees each measure called: nothing that names a condition (discreet mode).
CLIENT_NAMES: dict[str, Promise] = {
    "phq9": _("Check-in: how you have been"),
    "gad7": _("Check-in: worry and tension"),
    "mood": _("Check-in: today's mood"),
}

# What a therapist sees: the instrument's own name.
THERAPIST_NAMES: dict[str, str | Promise] = {"phq9": "PHQ-9", "gad7": "GAD-7", "mood": _("Mood check-in")}


def band_word(key: str) -> str:
    return str(BAND_WORDS.get(key, ""))
