from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "dilasa.messaging"
    label = "messaging"
