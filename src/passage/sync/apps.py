from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "passage.sync"
    label = "sync"
    verbose_name = "Posts and headquarters synchronisation"
