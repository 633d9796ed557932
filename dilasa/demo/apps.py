from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for a newcomer's machine: it sits above every other app and orchestrates them."""

    name = "dilasa.demo"
    label = "demo"
