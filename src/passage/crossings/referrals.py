"""The sentences Passage adds to a referral's reason, stored in English and read in the
reader's language.

A secondary inspection's ``reason`` holds, one per line, the officer's own words and the
sentences Passage adds when it refers a crossing: an alert list's referral, a failed chip,
a link to a record with an alert hit. Those are stored in English whoever recorded the
crossing, as the core's messages are (decision 0063), and recognised by their template
when a page shows them: a supervisor reading in French sees in French the referral an
officer recorded in Arabic. A line that fits no template (the officer's words, a
sentence stored before this module, in whatever language it was then) is shown as it
is. The counter's warning and the API read the same sentences (the API in English).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_noop as N_

from passage.core.text import Text, recognise
from passage.documents.templatetags.documents import chip_check

REFERRAL = N_("Refer to secondary inspection: {hits}.")
LIST_HIT = N_("alert action {action}, list “{list}”")
CHIP_FAILED = N_("chip check failed: {checks}")
LINKED_HIT = N_(
    "linked to a record with an alert hit: a supervisor confirmed this traveller is one "
    "person with another record that has an alert hit"
)
TEMPLATES = (REFERRAL, CHIP_FAILED, LINKED_HIT)


def list_referral(hits: Iterable[tuple[object, object]]) -> Text:
    """The referral of alert-list hits, in English: ``hits`` are (the action's label, the
    list's name) pairs, each said once. A lazy label is read in English."""
    with translation.override(None):
        pairs = dict.fromkeys((str(action), str(name)) for action, name in hits)
    parts = "; ".join(Text(LIST_HIT, action=a, list=n) for a, n in pairs)
    return Text(REFERRAL, hits=parts)


def chip_referral(failed: Iterable[str]) -> Text:
    """A failed chip's referral, in English, naming the failed checks by their codes."""
    return Text(CHIP_FAILED, checks=", ".join(failed))


def _format(template: str, **params: str) -> str:
    try:
        return gettext(template).format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: show English
        return template.format(**params)


def _list_hit(part: str) -> str:
    text = recognise(part, (LIST_HIT,))
    if not isinstance(text, Text):
        return part
    # The action is the English label of an alert action, which has its own msgid.
    return _format(LIST_HIT, action=gettext(text.params["action"]), list=text.params["list"])


# Where one stored hit ends and the next begins: a "; " before the next hit's English
# opening, so a list whose name holds "; " stays one hit.
_NEXT_HIT = re.compile("; (?=" + re.escape(LIST_HIT.split("{", 1)[0]) + ")")


def _hits(stored: str) -> str:
    """The hits of a stored referral, each in the reader's language, joined as the
    language joins clauses (Arabic ؛, French " ; ")."""
    separator = pgettext("clauses of a sentence", "; ")
    return separator.join(_list_hit(p) for p in _NEXT_HIT.split(stored))


def localized_line(line: str) -> str:
    """One line of a reason in the reader's language (itself when Passage did not write it).

    Outside a request (no language active) it stays English.
    """
    text = recognise(line.strip(), TEMPLATES)
    if not isinstance(text, Text):
        return line
    if text.template == REFERRAL:
        return _format(REFERRAL, hits=_hits(text.params["hits"]))
    if text.template == CHIP_FAILED:
        checks = ", ".join(chip_check(c) for c in text.params["checks"].split(", "))
        return _format(CHIP_FAILED, checks=checks)
    return gettext(text.template)


def localized_hits(line: str) -> str:
    """Of a list referral, its hits alone in the reader's language (the actions and the
    lists), for a line that already says the crossing was referred; any other line as
    :func:`localized_line` reads it."""
    text = recognise(line.strip(), TEMPLATES)
    if isinstance(text, Text) and text.template == REFERRAL:
        return _hits(text.params["hits"])
    return localized_line(line)


def localized_reason(reason: str | None) -> str:
    """A whole reason, line by line, in the reader's language."""
    return "\n".join(localized_line(line) for line in (reason or "").splitlines())
