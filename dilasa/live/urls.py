"""Discreet addresses: nothing in a URL says what kind of appointment it is."""

from django.urls import path

from dilasa.live import views
from dilasa.live.check_urls import check_urlpatterns

app_name = "live"

urlpatterns = [
    path("meet/<int:appointment_id>/", views.room, name="room"),
    path("meet/<int:appointment_id>/mood/", views.mood, name="mood"),
    path("meet/<int:appointment_id>/after/", views.after, name="after"),
    *check_urlpatterns,  # the connection check (/check/), beside the room
]
