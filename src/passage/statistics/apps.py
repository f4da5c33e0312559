from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "passage.statistics"
    label = "statistics"
    verbose_name = "Statistics and reports"
