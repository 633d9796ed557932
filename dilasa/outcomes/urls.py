"""Discreet addresses: "check-ins"; nothing says what is measured. Numbers only for objects."""

from django.urls import path

from dilasa.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("check-ins/", views.mine, name="mine"),
    path("check-ins/over-time/", views.progress, name="progress"),
    path("check-ins/<int:assignment_id>/", views.answer, name="answer"),
    path("check-ins/<int:assignment_id>/stop/", views.stop, name="stop"),
    path("people/<int:client_id>/check-ins/", views.client, name="client"),
]
