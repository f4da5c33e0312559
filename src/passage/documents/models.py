"""Trust anchors for e-Passport chips: CSCA certificates and their CRLs (docs/chip.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import AnchorKind


class TrustAnchor(models.Model):
    """One CSCA certificate or CRL an administrator imported, kept as its DER bytes.

    The columns beside ``der`` are read from it at import, for lists and status; the
    verification reads ``der`` again (``passage.core.chip``), never the columns.
    """

    Kind = AnchorKind

    kind = models.CharField(max_length=8, choices=AnchorKind.choices)
    der = models.BinaryField()
    fingerprint = models.CharField(max_length=64, unique=True, help_text="SHA-256 of der, hex")
    subject = models.CharField(max_length=500, help_text="a CSCA's subject, a CRL's issuer")
    country = models.CharField(max_length=2, blank=True)
    valid_until = models.DateTimeField(
        null=True, blank=True, help_text="a CSCA's notAfter, a CRL's nextUpdate"
    )
    source = models.CharField(max_length=300, help_text="the file it came from, and its signer")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "country", "subject"]
        indexes = [models.Index(fields=["kind", "country"], name="documents_anchor_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"
