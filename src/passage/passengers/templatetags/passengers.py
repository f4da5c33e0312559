"""Names of a listed person's fields on the counter's "expected arrival" card."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIELDS = {
    "surname": _("surname"),
    "given_names": _("given names"),
    "birth_date": _("date of birth"),
    "sex": _("sex"),
    "nationality": _("nationality"),
    "document_expiry": _("document expiry"),
}


@register.filter
def listed_field(name: str) -> str:
    return str(FIELDS.get(name, name))
