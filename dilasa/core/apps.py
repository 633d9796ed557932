from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dilasa.core"
    label = "core"

    def ready(self) -> None:
        from dilasa.core.i18n import register_languages

        register_languages()
