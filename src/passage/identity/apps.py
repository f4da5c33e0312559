from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "passage.identity"
    label = "identity"
    verbose_name = "Identity resolution"
