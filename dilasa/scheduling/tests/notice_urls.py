"""The site's URLs plus the reminder and calendar pages, until config/urls.py includes them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as site_urlpatterns


def _included(namespace: str) -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == namespace for p in site_urlpatterns)


urlpatterns: list[URLPattern | URLResolver] = list(site_urlpatterns)
if not _included("scheduling_notices"):
    urlpatterns.append(path("", include("dilasa.scheduling.notice_urls")))
