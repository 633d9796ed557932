"""Therapists' learning, and the clinic's view of it. Staff pages; the addresses still say only "learning"."""

from django.urls import path

from dilasa.training import views

app_name = "training"

urlpatterns = [
    path("learning/", views.index, name="index"),
    path("learning/<slug:slug>/", views.module, name="module"),
    path("clinic/learning/", views.clinic, name="clinic"),
    path("clinic/learning/csv/", views.clinic_csv, name="clinic_csv"),
    path("clinic/learning/<int:user_id>/", views.member, name="member"),
]
