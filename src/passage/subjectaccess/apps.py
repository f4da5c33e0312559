from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "passage.subjectaccess"
    label = "subjectaccess"
    verbose_name = "Data-subject requests"
