from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access to one's own file")
    RECTIFICATION = "rectification", _("Rectification")
    ERASURE = "erasure", _("Erasure")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("To decide")
    DECIDED = "decided", _("Decided")
    ANSWERED = "answered", _("Answered")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    NO_SUCH_PERSON = "no_such_person", _("No such person held")
