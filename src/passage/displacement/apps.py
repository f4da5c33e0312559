from django.apps import AppConfig


class DisplacementConfig(AppConfig):
    name = "passage.displacement"
    label = "displacement"
    verbose_name = "Displacement tracking"

    def ready(self) -> None:
        from . import sync

        sync.register()
