"""Neutral addresses: "welcome" and "simple", nothing that says what the site is for."""

from django.urls import path

from dilasa.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("welcome/", views.guide, name="guide"),
    path("welcome/<int:step>/", views.guide, name="guide_step"),
    path("welcome/done/", views.guide_done, name="guide_done"),
    path("welcome/simple/", views.simple_mode, name="simple_mode"),
]
