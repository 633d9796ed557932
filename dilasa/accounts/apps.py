from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dilasa.accounts"
    label = "accounts"
