from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    PERSONS = "persons", _("Persons")
    DOCUMENTS = "documents", _("Documents")


class AlertAction(models.TextChoices):
    """What the border does when a traveller matches (the officer sees only this)."""

    REFUSE = "refuse", _("Refuse entry")
    ARREST = "arrest", _("Arrest")
    NOTIFY = "notify", _("Notify the issuing authority")
    MONITOR = "monitor", _("Monitor (discreet check)")


# The actions that keep the traveller out until a supervisor decides: the counter shows
# their hits in red and says so; the others' in amber (decision 0251).
STOPPING_ACTIONS = frozenset({AlertAction.REFUSE, AlertAction.ARREST})


class ListStatus(models.TextChoices):
    ACTIVE = "active", _("Active: screened")
    SUSPENDED = "suspended", _("Suspended: not screened")
    RETIRED = "retired", _("Retired")


class EntryKind(models.TextChoices):
    PERSON = "person", _("Person")
    DOCUMENT = "document", _("Document")


class DocumentStatus(models.TextChoices):
    LOST = "lost", _("Lost")
    STOLEN = "stolen", _("Stolen")
    REVOKED = "revoked", _("Revoked")
    INVALID = "invalid", _("Invalid")


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    JSONL = "jsonl", _("JSON Lines")
    UN_XML = "un-xml", _("UN Security Council consolidated list (XML)")
    FTM = "ftm", _("OpenSanctions FollowTheMoney (JSON Lines)")


class VersionOrigin(models.TextChoices):
    IMPORT = "import", _("Import (replaces the entries)")
    APPEND = "append", _("Import (adds entries)")
    ADD = "add", _("Entry added")
    WITHDRAW = "withdraw", _("Entry withdrawn")


class ScreeningOutcome(models.TextChoices):
    CLEAR = "clear", _("Clear")
    REFERRED = "referred", _("Referred to secondary inspection")
    NO_LISTS = "no_lists", _("Not checked: no alert list active")
    UNAVAILABLE = "unavailable", _("Screening unavailable")


class HitStatus(models.TextChoices):
    PENDING = "pending", _("To be reviewed")
    TRUE_MATCH = "true_match", _("True match")
    FALSE_POSITIVE = "false_positive", _("False positive")
    SUPPRESSED = "suppressed", _("Suppressed (a known false positive)")


class HitKind(models.TextChoices):
    NAME = "name", _("Name and details")
    DOCUMENT = "document", _("Listed document")
