from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "passage.oversight"
    label = "oversight"
    verbose_name = "Oversight: access reviews and the transparency report"
