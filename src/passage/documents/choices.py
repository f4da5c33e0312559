from django.db import models


class AnchorKind(models.TextChoices):
    CSCA = "csca", "CSCA certificate"
    CRL = "crl", "certificate revocation list"


class ImportKind(models.TextChoices):
    MASTER_LIST = "master-list", "ICAO CSCA master list"
    CSCA = "csca", "CSCA certificate"
    CRL = "crl", "CRL"
