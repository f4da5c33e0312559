from django.apps import AppConfig


class StayConfig(AppConfig):
    name = "passage.stay"
    label = "stay"
    verbose_name = "Stay rules and overstays"
