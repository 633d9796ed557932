from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dilasa.records"
    label = "records"
