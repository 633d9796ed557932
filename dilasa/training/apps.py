from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dilasa.training"
    label = "training"
