from django.apps import AppConfig


class CrossingsConfig(AppConfig):
    name = "passage.crossings"
    label = "crossings"
    verbose_name = "Crossings"
