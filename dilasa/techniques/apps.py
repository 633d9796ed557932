from django.apps import AppConfig


class TechniquesConfig(AppConfig):
    name = "dilasa.techniques"
    label = "techniques"
