from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "passage.protection"
    label = "protection"
    verbose_name = "Humanitarian border management"

    def ready(self) -> None:
        from passage.crossings.checks import register

        from . import safeguards, services

        register("refusal_guards", safeguards.check_refusal)
        register("inspection_refusal_guards", safeguards.check_inspection_refusal)
        register("input_checks", services.counter_input_problems)
        register("after_record", services.flag_recorded_crossing)
