from django.apps import AppConfig


class PassengersConfig(AppConfig):
    name = "passage.passengers"
    label = "passengers"
    verbose_name = "Advance passenger information"

    def ready(self) -> None:
        from passage.crossings.checks import register

        from . import counter

        register("panels", counter.counter_panel)
