from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "dilasa.directory"
    label = "directory"
