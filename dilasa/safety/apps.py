from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "dilasa.safety"
    label = "safety"
