"""Discreet addresses: "help" and "attention", never a clinical word; numbers only for objects."""

from django.urls import path

from dilasa.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.crisis, name="crisis"),
    path("help/now/", views.help_now, name="help_now"),
    path("attention/", views.flags, name="flags"),
    path("attention/<int:flag_id>/", views.flag, name="flag"),
    path("clinic/lines/", views.clinic_lines, name="clinic_lines"),
    path("clinic/lines/<int:line_id>/remove/", views.clinic_line_remove, name="clinic_line_remove"),
    path("clinic/on-call/", views.on_call, name="on_call"),
    path("sw.js", views.service_worker, name="service_worker"),
]
