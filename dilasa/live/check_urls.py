"""The device check's URLs, as a list to include into the "live" namespace from dilasa/live/urls.py:

from dilasa.live.check_urls import check_urlpatterns
urlpatterns = [..., *check_urlpatterns]
"""

from __future__ import annotations

from django.urls import URLPattern, path

from dilasa.live import check_views

check_urlpatterns: list[URLPattern] = [
    path("check/", check_views.check_page, name="check"),
    path("check/ping", check_views.check_ping, name="check_ping"),
    path("check/download", check_views.check_download, name="check_download"),
    path("check/upload", check_views.check_upload, name="check_upload"),
]
