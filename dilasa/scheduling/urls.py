from django.urls import path

from dilasa.scheduling import views

app_name = "scheduling"

urlpatterns = [
    path("book/<int:therapist_id>/", views.book, name="book"),
    path("appointments/", views.my_appointments, name="my_appointments"),
    path("appointments/<int:appointment_id>/", views.appointment, name="appointment"),
    path("appointments/<int:appointment_id>/cancel/", views.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:appointment_id>/move/", views.appointment_move, name="appointment_move"),
    path("appointments/<int:appointment_id>/record/", views.appointment_record, name="appointment_record"),
    path("practice/calendar/", views.calendar, name="calendar"),
    path("practice/hours/", views.hours, name="hours"),
    path("practice/book/", views.book_for_client, name="book_for_client"),
    path("clinic/booking-policy/", views.clinic_policy, name="clinic_policy"),
]
