"""Dates kept in their order inside sentences in any language's direction."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# An ISO date, with its time when one follows; not a run of digits that merely holds one.
_ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?![\d-])")


def dates_isolated(text: str) -> SafeString:
    """``text`` escaped, each ISO date in it isolated left to right (``<bdi dir="ltr">``).

    After Arabic letters the Unicode bidirectional algorithm takes a date's digits for
    Arabic numbers, which a hyphen does not join: ``2026-12-06`` is drawn ``06-12-2026``.
    The messages the core writes (decision 0063) hold dates put in by the core, so the
    page finds them in the translated sentence.

    >>> dates_isolated("no entry on 2026-12-06 <b>")
    'no entry on <bdi dir="ltr">2026-12-06</bdi> &lt;b&gt;'
    """
    # Escaping first: an entity (&#x27;) holds no hyphen, so no date is made or split.
    marked = _ISO_DATE.sub(r'<bdi dir="ltr">\g<0></bdi>', escape(text))
    return mark_safe(marked)  # noqa: S308 -- the text escaped, the markup ours
