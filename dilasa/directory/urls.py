"""Discreet addresses: nothing in a URL says what the service is for."""

from django.urls import path

from dilasa.directory import views

app_name = "directory"

urlpatterns = [
    path("find/", views.search, name="search"),
    path("find/match/", views.match, name="match"),
    path("find/<int:therapist_id>/", views.therapist, name="therapist"),
    path("find/<int:therapist_id>/photo/", views.photo, name="photo"),
    path("practice/profile/", views.profile_edit, name="profile_edit"),
    path("practice/profile/preview/", views.profile_preview, name="profile_preview"),
]
