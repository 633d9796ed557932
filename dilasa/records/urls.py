"""Discreet addresses: "people", "entries", "goals", "tasks", "files"; nothing says what they hold."""

from django.urls import path

from dilasa.records import views

app_name = "records"

urlpatterns = [
    path("people/", views.clients, name="clients"),
    path("people/<int:client_id>/", views.folder, name="folder"),
    path("people/<int:client_id>/write/", views.note_new, name="note_new"),
    path("people/<int:client_id>/goals/", views.plan_edit, name="plan_edit"),
    path("people/<int:client_id>/tasks/new/", views.homework_new, name="homework_new"),
    path("people/<int:client_id>/files/new/", views.attachment_new, name="attachment_new"),
    path("people/<int:client_id>/open/", views.emergency, name="emergency"),
    path("people/<int:client_id>/kept-by/<int:therapist_id>/", views.review, name="review"),
    path("entries/<int:note_id>/", views.note, name="note"),
    path("entries/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path("entries/<int:note_id>/changes/", views.note_history, name="note_history"),
    path("entries/<int:note_id>/sign/", views.note_sign, name="note_sign"),
    path("entries/<int:note_id>/add/", views.note_addendum, name="note_addendum"),
    path("goals/<int:plan_id>/changes/", views.plan_history, name="plan_history"),
    path("tasks/<int:homework_id>/", views.homework_edit, name="homework_edit"),
    path("files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("clinic/supervisors/", views.supervision, name="supervision"),
    path("clinic/supervisors/<int:supervision_id>/end/", views.supervision_end, name="supervision_end"),
]
