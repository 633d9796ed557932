from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "dilasa.consent"
    label = "consent"
