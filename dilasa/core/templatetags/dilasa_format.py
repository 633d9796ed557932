"""Dates, times and numbers in the reader's locale (CLDR via Babel), in Pakistan time by default."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from dilasa.core import i18n

register = template.Library()


@register.filter
def local_date(value: date | datetime | None, fmt: str = "medium") -> str:
    return "" if value is None else i18n.local_date(value, fmt)


@register.filter
def local_datetime(value: datetime | None, fmt: str = "medium") -> str:
    return "" if value is None else i18n.local_datetime(value, fmt)


@register.filter
def local_time(value: datetime | None, fmt: str = "short") -> str:
    return "" if value is None else i18n.local_time(value, fmt)


@register.filter
def local_number(value: float | None) -> str:
    return "" if value is None else i18n.local_number(value)
