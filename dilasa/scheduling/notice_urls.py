from django.urls import path, re_path

from dilasa.scheduling import notice_views

app_name = "scheduling_notices"

urlpatterns = [
    path("account/reminders/", notice_views.reminders_page, name="reminders"),
    path("account/reminders/calendar/new/", notice_views.calendar_link_new, name="calendar_link_new"),
    path("account/reminders/calendar/off/", notice_views.calendar_link_off, name="calendar_link_off"),
    re_path(r"^calendar/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", notice_views.calendar_feed, name="calendar_feed"),
]
