from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "passage.retention"
    label = "retention"
    verbose_name = "Retention and purge"

    def ready(self) -> None:
        from passage.sync.registry import register_dataset

        from .deletions import DELETIONS

        register_dataset(DELETIONS)
