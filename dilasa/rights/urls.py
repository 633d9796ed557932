"""Neutral addresses: "my data", never what it holds."""

from django.urls import path

from dilasa.rights import views

app_name = "rights"

urlpatterns = [
    path("account/data/", views.mine, name="mine"),
    path("account/data/download/", views.export, name="export"),
    path("account/data/close/", views.erase, name="erase"),
    path("account/reopen/<str:token>/", views.cancel, name="cancel"),
    path("clinic/keeping-records/", views.retention, name="retention"),
]
