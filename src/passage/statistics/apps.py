from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "passage.statistics"
    label = "statistics"
    verbose_name = "Statistics and reports"

    def ready(self) -> None:
        # The built-in sources register themselves on import; other apps register theirs
        # (passage.statistics.sources.register) from their own ready().
        from . import sources  # noqa: F401
