"""Discreet addresses: "practice"; numbers only for objects, neutral slugs for the library."""

from django.urls import path

from dilasa.techniques import views

app_name = "techniques"

urlpatterns = [
    path("practice/", views.mine, name="mine"),
    path("practice/do/<int:assignment_id>/", views.task, name="task"),
    path("practice/entries/<int:entry_id>/seen/", views.review, name="review"),
    path("practice/<slug:slug>/", views.technique, name="technique"),
    path("people/<int:client_id>/practice/", views.client, name="client"),
]
