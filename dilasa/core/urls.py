from django.urls import path

from dilasa.core import views

app_name = "core"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("language/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("leave/", views.leave, name="leave"),
    path("recipes/", views.neutral, name="neutral"),
]
