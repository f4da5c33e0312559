from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "passage.protection"
    label = "protection"
    verbose_name = "Humanitarian border management"
