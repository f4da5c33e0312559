"""Codes on pages are shown by their labels: a purpose, a transport mode, a decision,
the name of an amended field. The stored code stays in the record and in exports."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

from passage.crossings.choices import Decision, Direction, Purpose, TransportMode
from passage.crossings.models import Crossing
from passage.crossings.referrals import localized_hits, localized_reason

register = template.Library()

CHOICES: dict[str, Any] = {
    "purpose": Purpose,
    "transport_mode": TransportMode,
    "decision": Decision,
    "direction": Direction,
}


@register.filter
def choice_label(value: Any, field: str) -> Any:
    """``tourism`` → *Tourism* (translated) for a field with choices; other values as given."""
    choices = CHOICES.get(field)
    if choices is None or value in (None, ""):
        return value
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def field_label(name: str) -> str:
    """A crossing field's name as people read it (``authorised_until`` → *authorised to stay until*)."""
    try:
        field = Crossing._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


@register.filter
def referral_reason(reason: str | None) -> str:
    """A referral's reason with the sentences Passage wrote in the reader's language
    (``crossings.referrals``), each list's name isolated (``<bdi>``) from the words
    around it; the officer's own words as written, escaped. Lines stay lines
    (``|linebreaksbr`` after it)."""
    return localized_reason(reason, html=True)


@register.filter
def referral_hits(message: str | None) -> str:
    """Of a stored list referral, the actions and lists alone, in the reader's language,
    each list's name isolated (``<bdi>``) from the words around it."""
    return localized_hits(message or "", html=True)
