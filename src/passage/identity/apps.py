from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "passage.identity"
    label = "identity"
    verbose_name = "Identity resolution"

    def ready(self) -> None:
        from passage.crossings.checks import register
        from passage.travellers.same_person import register as register_same_person

        from . import services

        # Only supervisor-confirmed links have effects (docs/identity.md).
        register_same_person(services.linked_travellers)
        register("panels", services.counter_panel)
