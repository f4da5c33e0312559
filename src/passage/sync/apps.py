from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "passage.sync"
    label = "sync"
    verbose_name = "Posts and headquarters synchronisation"

    def ready(self) -> None:
        from passage.accounts import audit

        from . import datasets, outbox
        from .inbox import link_documents
        from .registry import register_model

        # Parents before children: HQ applies a batch model by model in this order.
        register_model("travellers.traveller", on={"create", "update"})
        register_model(
            "travellers.traveldocument",
            on={"create", "update"},
            include=("traveller",),
            prepare=link_documents,
        )
        register_model(
            "crossings.crossing",
            on={"create"},
            include=("traveller", "document", "closes"),
            related={"amend": "amendments"},
            immutable=True,
        )
        register_model("crossings.amendment", on={"create"}, include=("crossing",), immutable=True)
        register_model(
            "crossings.secondaryinspection", on={"create", "decide"}, include=("crossing",)
        )
        register_model("stay.visa", on={"create", "update"}, include=("traveller",))
        register_model("stay.permit", on={"create", "update"}, include=("traveller",))
        assert datasets.REFERENCE and datasets.STAY_RULES
        audit.add_hook(outbox.on_audit)
