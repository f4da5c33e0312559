from django.apps import AppConfig


class PassengersConfig(AppConfig):
    name = "passage.passengers"
    label = "passengers"
    verbose_name = "Advance passenger information"
