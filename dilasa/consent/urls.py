"""Neutral addresses: "agreements", and a plain word per kind (dilasa.consent.links)."""

from django.urls import path

from dilasa.consent import views

app_name = "consent"

urlpatterns = [
    path("account/agreements/", views.mine, name="mine"),
    path("account/agreements/<slug:slug>/", views.document, name="document"),
    path("account/agreements/<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
]
