"""Translate what ``passage.core`` writes (``passage.core.text.Text``) for the page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from passage.core.text import translate

register = template.Library()

# The MRZ fields ``passage.core.mrz`` names in its findings, as a person reads them.
MRZ_FIELDS = {
    "mrz": _("MRZ"),
    "format": _("format"),
    "document_code": _("document code"),
    "issuing_state": _("issuing state"),
    "names": _("names"),
    "surname": _("surname"),
    "given_names": _("given names"),
    "document_number": _("document number"),
    "nationality": _("nationality"),
    "birth_date": _("date of birth"),
    "sex": _("sex"),
    "expiry_date": _("expiry date"),
    "personal_number": _("personal number"),
    "optional_data": _("optional data"),
    "composite": _("composite check digit"),
    # The characters' own fields (``layout.FIELD_AT``: bad characters, suggested repairs).
    "composite_check_digit": _("composite check digit"),
    "document_number_check_digit": _("document number check digit"),
    "birth_date_check_digit": _("date of birth check digit"),
    "expiry_date_check_digit": _("expiry date check digit"),
    "personal_number_check_digit": _("personal number check digit"),
    "optional_data_2": _("optional data (line 2)"),
}


@register.filter
def localized(message: Any) -> str:
    """A core message in the reader's language (English when no translation exists)."""
    return translate(message, gettext) if message else ""


@register.filter
def mrz_field(code: str) -> str:
    return str(MRZ_FIELDS.get(code, code))


@register.filter
def ltr(value: Any) -> SafeString:
    """A date, number or code set left to right inside a sentence in any language.

    Without the isolate, ``2026-12-03 07:00`` inside Arabic text is laid out as
    ``07:00 2026-12-03``.
    """
    return format_html('<bdi dir="ltr">{}</bdi>', value)
