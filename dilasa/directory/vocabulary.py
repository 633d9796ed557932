"""Translated names for the seeded languages, specialities and approaches.

The tables hold stable codes and slugs (and an English name for rows a clinic
adds later); what a reader sees comes from here, so it is in their language.
Migration 0002 seeds the same codes and slugs; a test keeps the two in step.
"""

from __future__ import annotations

from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES: Final[dict[str, Promise]] = {
    "ur": _("Urdu"),
    "en": _("English"),
    "pnb": _("Punjabi"),
    "sd": _("Sindhi"),
    "ps": _("Pashto"),
    "skr": _("Saraiki"),
    "bal": _("Balochi"),
    "hno": _("Hindko"),
    "brh": _("Brahui"),
    "ks": _("Kashmiri"),
    "scl": _("Shina"),
    "bft": _("Balti"),
    "khw": _("Khowar"),
}

SPECIALITY_NAMES: Final[dict[str, Promise]] = {
    "anxiety": _("Anxiety and worry"),
    "depression": _("Low mood and depression"),
    "stress": _("Stress"),
    "relationships": _("Relationships and marriage"),
    "family": _("Family"),
    "grief": _("Grief and loss"),
    "trauma": _("Trauma"),
    "self-esteem": _("Self-esteem"),
    "anger": _("Anger"),
    "sleep": _("Sleep"),
    "addiction": _("Addiction"),
    "work-study": _("Work and study"),
    "parenting": _("Parenting"),
    "womens-health": _("Women's health, pregnancy and after birth"),
    "ocd": _("Obsessions and compulsions (OCD)"),
    "loneliness": _("Loneliness"),
    "young-people": _("Children and teenagers"),
}

APPROACH_NAMES: Final[dict[str, Promise]] = {
    "cbt": _("Cognitive behavioural therapy (CBT)"),
    "person-centred": _("Person-centred counselling"),
    "psychodynamic": _("Psychodynamic therapy"),
    "family-systems": _("Family systems therapy"),
    "mindfulness": _("Mindfulness-based therapy"),
    "solution-focused": _("Solution-focused therapy"),
    "islamic-integrated": _("Islamic-integrated counselling"),
    "act": _("Acceptance and commitment therapy (ACT)"),
    "dbt": _("Dialectical behaviour therapy (DBT)"),
    "emdr": _("EMDR"),
    "interpersonal": _("Interpersonal therapy (IPT)"),
    "pm-plus": _("Problem Management Plus (PM+)"),
}
