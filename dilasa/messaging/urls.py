"""Discreet addresses: numbers only, never a name, a file name or words from a message."""

from django.urls import path

from dilasa.messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/start/", views.start, name="start"),
    path("messages/<int:thread_id>/", views.thread, name="thread"),
    path("messages/<int:thread_id>/file/<int:seq>/", views.file, name="file"),
]
