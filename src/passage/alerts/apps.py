from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "passage.alerts"
    label = "alerts"
    verbose_name = "Alert lists and screening"
