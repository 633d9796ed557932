from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "dilasa.payments"
    label = "payments"
