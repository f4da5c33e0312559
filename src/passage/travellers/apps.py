from django.apps import AppConfig


class TravellersConfig(AppConfig):
    name = "passage.travellers"
    label = "travellers"
    verbose_name = "Travellers and documents"
