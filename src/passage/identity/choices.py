from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkColour(models.TextChoices):
    """EES's link colours (docs/identity.md): only a decision makes a link green."""

    WHITE = "white", _("white: probably one person")
    YELLOW = "yellow", _("yellow: to verify")
    RED = "red", _("red: possible fraud")
    GREEN = "green", _("green: different people")


class LinkState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    DECIDED = "decided", _("decided")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Decision(models.TextChoices):
    SAME = "same", _("same person")
    DIFFERENT = "different", _("different people")
    FRAUD = "fraud", _("fraud suspected")
