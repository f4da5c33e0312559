from django.db import models
from django.utils.translation import gettext_lazy as _


class AnchorKind(models.TextChoices):
    CSCA = "csca", "CSCA certificate"
    CRL = "crl", "certificate revocation list"


class ImportKind(models.TextChoices):
    MASTER_LIST = "master-list", "ICAO CSCA master list"
    CSCA = "csca", "CSCA certificate"
    CRL = "crl", "CRL"


class ChipVerdict(models.TextChoices):
    """Passive authentication's verdict as stored on a crossing (blank: no chip read)."""

    PASSED = "passed", _("chip verified")
    FAILED = "failed", _("chip check failed")
    CANNOT_TELL = "cannot_tell", _("chip: cannot tell")
