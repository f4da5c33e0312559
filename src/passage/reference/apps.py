from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "passage.reference"
    label = "reference"
    verbose_name = "Reference data"
