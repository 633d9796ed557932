from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "dilasa.live"
    label = "live"
