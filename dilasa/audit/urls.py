"""Neutral addresses: "access", never what was accessed."""

from django.urls import path

from dilasa.audit import views

app_name = "audit"

urlpatterns = [
    path("account/access/", views.my_access, name="my_access"),
    path("clinic/access/", views.clinic_log, name="clinic_log"),
    path("clinic/access/csv/", views.clinic_log_csv, name="clinic_log_csv"),
    path("clinic/access/<int:seq>/", views.entry, name="entry"),
    path("clinic/access/emergency/", views.emergency, name="emergency"),
]
