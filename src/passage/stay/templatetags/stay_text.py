"""The stay calculator's words on pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from passage.common.bidi import dates_isolated
from passage.core.text import translate

register = template.Library()


@register.filter
def stay_text(message: Any) -> SafeString | str:
    """A reason or decision of ``passage.core.stay`` in the reader's language, escaped,
    each date in it isolated left to right: in Arabic "في 2026-12-06" is otherwise drawn
    "في 06-12-2026"."""
    return dates_isolated(translate(message, gettext)) if message else ""
