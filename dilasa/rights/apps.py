from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "dilasa.rights"
    label = "rights"
