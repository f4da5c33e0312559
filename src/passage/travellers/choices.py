from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """As printed in travel documents (ICAO 9303-3 §4.2.2): F, M, or X/unspecified."""

    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNSPECIFIED = "X", _("Unspecified")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("Identity card (machine readable)")
    VISA = "visa", _("Visa")
    REFUGEE_TRAVEL_DOCUMENT = "refugee_travel_document", _("Refugee travel document")
    LAISSEZ_PASSER = "laissez_passer", _("Laissez-passer")
    EMERGENCY_TRAVEL_DOCUMENT = "emergency_travel_document", _("Emergency travel document")
    NATIONAL_ID = "national_id", _("National ID card without MRZ")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    NONE = "none", _("No document")

    @classmethod
    def from_mrz_code(cls, code: str) -> DocumentType:
        """ICAO 9303: P… passports, I/A/C… identity cards, V… visas."""
        first = (code or "P")[:1]
        if first == "V":
            return cls.VISA
        if first in {"I", "A", "C"}:
            return cls.ID_CARD
        return cls.PASSPORT
