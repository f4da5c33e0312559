from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "passage.sync"
    label = "sync"
    verbose_name = "Posts and headquarters synchronisation"

    def ready(self) -> None:
        from passage.accounts import audit

        from . import corrections, datasets, outbox
        from .inbox import link_documents
        from .registry import register_model

        # Parents before children: HQ applies a batch model by model in this order.
        # A traveller is sent once, when created; its corrections follow field by field
        # and HQ merges them (decision 0105): never the whole record again.
        register_model(
            "travellers.traveller",
            on={"create"},
            related={"correct": "corrections"},
            applied=corrections.hold_travellers,
            merge=corrections.merge_whole_records,
        )
        register_model(
            "travellers.traveldocument",
            on={"create", "update"},
            include=("traveller",),
            prepare=link_documents,
        )
        register_model(
            "travellers.travellercorrection",
            on={"create"},
            include=("traveller",),
            immutable=True,
            applied=corrections.merge_corrections,
        )
        register_model(
            "crossings.crossing",
            on={"create"},
            include=("traveller", "document", "closes"),
            # Screening is stored with the crossing, in the same audited write.
            related={"amend": "amendments", "create": ("screening", "alert_hits")},
            immutable=True,
        )
        register_model("crossings.amendment", on={"create"}, include=("crossing",), immutable=True)
        register_model(
            "crossings.secondaryinspection", on={"create", "decide"}, include=("crossing",)
        )
        register_model("crossings.documentoverride", on={"create", "decide"}, include=("crossing",))
        register_model("stay.visa", on={"create", "update"}, include=("traveller",))
        register_model("stay.permit", on={"create", "update"}, include=("traveller",))
        # Alert screening (alerts app): results and hits travel with their crossing; a
        # hit's verdict and a false-positive suppression follow. Entries and list
        # versions are HQ's own rows (pulled by the alert_lists dataset), same keys.
        register_model("alerts.screeningresult", on={"create"}, include=("crossing",))
        register_model("alerts.screeninghit", on={"create", "decide"}, include=("crossing",))
        register_model(
            "alerts.falsepositivesuppression", on={"create", "suppress"}, include=("hit",)
        )
        # Protection (protection app): what posts create. Services and indicators are
        # reference rows loaded at both ends under the same codes; a provider created at
        # a post is sent before the referral that names it.
        register_model("protection.serviceprovider", on={"create", "update"})
        register_model(
            "protection.household",
            on={"create", "update"},
            related={"create": "members"},
        )
        register_model(
            "protection.householdmember",
            on={"create", "update"},
            include=("household", "traveller"),
        )
        register_model(
            "protection.assessment",
            on={"create", "update"},
            include=("traveller", "crossing", "household"),
        )
        register_model(
            "protection.referral",
            on={"create", "update", "referral_status"},
            include=("assessment", "provider"),
        )
        register_model("protection.casenote", on={"create"}, include=("referral",))
        assert datasets.REFERENCE and datasets.STAY_RULES and datasets.ALERT_LISTS
        assert datasets.CHIP_TRUST and datasets.TRAVELLER_CORRECTIONS
        audit.add_hook(outbox.on_audit)
