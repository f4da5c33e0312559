from django.apps import AppConfig


class StayConfig(AppConfig):
    name = "passage.stay"
    label = "stay"
    verbose_name = "Stay rules and overstays"

    def ready(self) -> None:
        from passage.crossings.checks import register

        from . import assessment, services

        register("stay_assessors", assessment.assess_crossing)
        register("after_record", services.close_on_exit)
        register("panels", assessment.counter_panel)
