from django.urls import include, path

urlpatterns = [
    path("", include("dilasa.core.urls")),
    path("", include("dilasa.accounts.urls")),
    path("", include("dilasa.scheduling.urls")),
    path("", include("dilasa.directory.urls")),
    path("", include("dilasa.scheduling.notice_urls")),
    path("", include("dilasa.payments.urls")),
    path("", include("dilasa.live.urls")),
]
