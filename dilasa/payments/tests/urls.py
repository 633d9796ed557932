"""The site's URLs plus the payment pages, until config/urls.py includes them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from dilasa.scheduling.tests.notice_urls import urlpatterns as with_notices


def _included(namespace: str) -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == namespace for p in with_notices)


urlpatterns: list[URLPattern | URLResolver] = list(with_notices)
if not _included("payments"):
    urlpatterns.append(path("", include("dilasa.payments.urls")))
