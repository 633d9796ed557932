from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "dilasa.scheduling"
    label = "scheduling"
