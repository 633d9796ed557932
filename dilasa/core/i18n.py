"""Language facts Django does not ship: Shahmukhi Punjabi, Sindhi and Pashto.

Django 5.2 has `ur` only; its `pa` is Gurmukhi. We register our locales with
their direction and the CLDR (Babel) locale used for dates and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from django.conf.locale import LANG_INFO
from django.utils import timezone, translation


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # Django's language code
    html_lang: str  # BCP 47 tag for <html lang>
    babel: str  # CLDR locale for dates and numbers
    bidi: bool
    name: str
    name_local: str


LOCALES: Final[dict[str, LocaleInfo]] = {
    info.code: info
    for info in (
        LocaleInfo("en", "en", "en_PK", False, "English", "English"),
        LocaleInfo("ur", "ur", "ur_PK", True, "Urdu", "اردو"),
        LocaleInfo("pnb", "pa-Arab", "pa_Arab_PK", True, "Punjabi (Shahmukhi)", "پنجابی"),
        LocaleInfo("sd", "sd-Arab", "sd_Arab_PK", True, "Sindhi", "سنڌي"),
        LocaleInfo("ps", "ps", "ps_PK", True, "Pashto", "پښتو"),
    )
}


def register_languages() -> None:
    """Teach Django the locales it does not know (names and direction)."""
    for info in LOCALES.values():
        LANG_INFO.setdefault(
            info.code,
            {"bidi": info.bidi, "code": info.code, "name": info.name, "name_local": info.name_local},
        )


def current_locale() -> LocaleInfo:
    code = translation.get_language() or "en"
    return LOCALES.get(code) or LOCALES.get(code.split("-")[0]) or LOCALES["en"]


# Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits, as typed
# on Urdu, Sindhi and Pashto keyboards, become ASCII before any parsing.
_DIGITS: Final = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")
}


def normalise_digits(text: str) -> str:
    return text.translate(_DIGITS)


def local_datetime(value: datetime, fmt: str = "medium") -> str:
    return format_datetime(timezone.localtime(value), fmt, locale=current_locale().babel)


def local_date(value: date | datetime, fmt: str = "medium") -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return format_date(value, fmt, locale=current_locale().babel)


def local_time(value: datetime, fmt: str = "short") -> str:
    return format_time(timezone.localtime(value), fmt, locale=current_locale().babel)


def local_number(value: int | float) -> str:
    return format_decimal(value, locale=current_locale().babel)
