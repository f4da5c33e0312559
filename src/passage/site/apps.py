from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "passage.site"
    label = "site"
    verbose_name = "Passage"
