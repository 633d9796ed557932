from django.urls import include, path

urlpatterns = [
    path("", include("dilasa.core.urls")),
    path("", include("dilasa.accounts.urls")),
    path("", include("dilasa.scheduling.urls")),
    path("", include("dilasa.directory.urls")),
    path("", include("dilasa.scheduling.notice_urls")),
    path("", include("dilasa.payments.urls")),
    path("", include("dilasa.live.urls")),
    path("", include("dilasa.consent.urls")),
    path("", include("dilasa.audit.urls")),
    path("", include("dilasa.messaging.urls")),
    path("", include("dilasa.records.urls")),
    path("", include("dilasa.rights.urls")),
    path("", include("dilasa.safety.urls")),
    path("", include("dilasa.outcomes.urls")),
    path("", include("dilasa.techniques.urls")),
    path("", include("dilasa.onboarding.urls")),
    path("", include("dilasa.training.urls")),
]
