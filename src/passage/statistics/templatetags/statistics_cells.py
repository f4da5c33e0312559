"""One mark for a withheld count, in every table of every statistics page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(value: Any) -> SafeString | str:
    """A published count, or the withheld mark (``x`` with its meaning for tooltips and
    screen readers) when disclosure control held it back."""
    if value is None:
        return format_html(
            '<abbr class="withheld" title="{}" aria-label="{}">x</abbr>',
            _("withheld: a small count, or one that would reveal it"),
            _("withheld"),
        )
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)
