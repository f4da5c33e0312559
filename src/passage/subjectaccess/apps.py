from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "passage.subjectaccess"
    label = "subjectaccess"
    verbose_name = "Data-subject requests"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system check
