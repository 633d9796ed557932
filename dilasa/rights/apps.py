from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "dilasa.rights"
    label = "rights"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from dilasa.audit.targets import register_kind

        register_kind("rights.export", _("everything about you"))
        register_kind("rights.erasure", _("your request to erase your account"))
