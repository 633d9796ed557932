from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "dilasa.outcomes"
    label = "outcomes"
