"""Words that must never reach a page title, a URL, a notice or an email, in every language we serve.

A title on a shared phone's tab list, a notice on a lock screen or an address in the browser's history is
seen by people the client did not choose to tell. These words would tell them. Tests scan every page title
(as a client sees it), every URL pattern and every notice the site sends; the discreet title filter
(`dilasa/accounts/templatetags/discreet.py`) falls back to the site's name when a title holds one.

Matching folds case and the letter variants that Urdu, Punjabi (Shahmukhi), Sindhi and Pashto spell
differently (Arabic and Farsi yeh, kaf, heh forms), so one entry covers a word across those scripts.
"""

from __future__ import annotations

import re
from typing import Final

# Stems in English: "therap" covers therapy, therapist, therapeutic; "psych" covers psychology,
# psychologist, psychiatric, psychotherapy; "counsel" covers counselling and counsellor.
ENGLISH: Final = (
    "therap",
    "psych",
    "counsel",
    "mental",
    "depress",
    "anxiety",
    "anxious",
    "suicid",
    "self-harm",
    "crisis",
    "trauma",
    "diagnos",
    "disorder",
    "session",  # a "session" at 5 tells a reader on a lock screen what kind of appointment it is
)
# Whole words only (they are parts of ordinary words too: "gadget", "Baghdad").
ENGLISH_WORDS: Final = ("phq", "gad")  # PHQ-9, GAD-7

URDU: Final = (
    "تھراپ",  # therapy, therapist (تھراپی، تھراپسٹ)
    "تھیراپ",  # the spelling our Urdu and Punjabi catalogues use (تھیراپسٹ)
    "معالج",  # therapist, healer
    "نفسیات",  # psychology (and نفسیاتی, ماہر نفسیات)
    "ذہنی",  # mental
    "دماغی",  # mental (of the mind)
    "کونسلنگ",
    "کاؤنسل",  # counselling, counsellor
    "کونسلر",
    "مشاورت",  # counselling
    "ڈپریشن",
    "افسردگی",  # depression
    "اضطراب",  # anxiety
    "خودکشی",
    "خود کشی",
    "بحران",  # crisis
    "سیشن",  # session
)
SINDHI: Final = (
    "ٿراپ",  # ٿراپي، ٿراپسٽ (our Sindhi catalogue's word for therapist)
    "ٿيراپ",
    "ذهني",
    "نفسيات",
    "ڊپريشن",
    "خودڪشي",
    "ڪائونسل",
)
PASHTO: Final = (
    "مشاور",  # counsellor: our Pashto catalogue's word for therapist (مشاور، مشاورین)
    "رواني",  # mental, psychological (رواني روغتیا: mental health)
    "ځان وژنه",  # suicide
    "ځانوژنه",
    "خپګان",  # depression
    "تراپ",
)
# Punjabi in Shahmukhi borrows the Urdu words above; the folding below makes them match its spellings.

SENSITIVE_WORDS: Final = ENGLISH + ENGLISH_WORDS + URDU + SINDHI + PASHTO

_FOLD: Final = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh, Farsi yeh, Pashto and Sindhi forms
        "ى": "ی",
        "ې": "ی",
        "ۍ": "ی",
        "ك": "ک",
        "ڪ": "ک",
        "ہ": "ه",  # Urdu heh goal, heh doachashmee, teh marbuta
        "ھ": "ه",
        "ة": "ه",
        "ۀ": "ه",
        "\u200c": None,  # zero-width non-joiner
        "\u0640": None,  # tatweel
    }
)


def fold(text: str) -> str:
    """Lower case, with the Arabic-script letter variants made one."""
    return text.casefold().translate(_FOLD)


_STEMS: Final = tuple(fold(word) for word in ENGLISH + URDU + SINDHI + PASHTO)
_WHOLE: Final = re.compile(r"(?<![a-z0-9])(" + "|".join(ENGLISH_WORDS) + r")(?![a-z])")


def sensitive_words_in(text: str) -> list[str]:
    """The sensitive words (as listed) that `text` contains; empty when it is safe to show anyone."""
    folded = fold(text)
    found = [word for word, stem in zip(ENGLISH + URDU + SINDHI + PASHTO, _STEMS, strict=True) if stem in folded]
    found += [match.group(1) for match in _WHOLE.finditer(folded)]
    return found
