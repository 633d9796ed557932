from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from dilasa.core.i18n import current_locale


def site(request: HttpRequest) -> dict[str, object]:
    locale = current_locale()
    return {
        "html_lang": locale.html_lang,
        "html_dir": "rtl" if locale.bidi else "ltr",
        "available_languages": settings.LANGUAGES,
    }
