from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "passage.alerts"
    label = "alerts"
    verbose_name = "Alert lists and screening"

    def ready(self) -> None:
        from passage.crossings.checks import register

        from . import screening

        register("screens", screening.screen_crossing)
        register("decision_blockers", screening.hits_to_review)
        register("panels", screening.counter_panel)
