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

A page asks for markup (``html=True``): the words escaped and each list's name in a
``<bdi>``, so a name in Latin letters that opens with a digit or a bracket ("2026
refusals (demo)") keeps its order inside Arabic words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
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


def _format(template: str, *, html: bool = False, **params: str) -> str:
    """``template`` in the reader's language with ``params`` put in; with ``html``, the
    words escaped and ``params`` taken as markup (the caller escapes them)."""
    translated = gettext(template)
    try:
        text = (escape(translated) if html else translated).format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: show English
        text = (escape(template) if html else template).format(**params)
    return mark_safe(text) if html else text  # noqa: S308 -- words escaped, params markup


def _list_hit(part: str, html: bool = False) -> str:
    text = recognise(part, (LIST_HIT,))
    if not isinstance(text, Text):
        return escape(part) if html else part
    # The action is the English label of an alert action, which has its own msgid.
    action, name = gettext(text.params["action"]), text.params["list"]
    if html:
        return _format(
            LIST_HIT, html=True, action=escape(action), list=format_html("<bdi>{}</bdi>", name)
        )
    return _format(LIST_HIT, action=action, list=name)


# Where one stored hit ends and the next begins: a "; " before the next hit's English
# opening, so a list whose name holds "; " stays one hit.
_NEXT_HIT = re.compile("; (?=" + re.escape(LIST_HIT.split("{", 1)[0]) + ")")


def _hits(stored: str, html: bool = False) -> str:
    """The hits of a stored referral, each in the reader's language, joined as the
    language joins clauses (Arabic ؛, French " ; ")."""
    separator = pgettext("clauses of a sentence", "; ")
    joined = (escape(separator) if html else separator).join(
        _list_hit(p, html) for p in _NEXT_HIT.split(stored)
    )
    return mark_safe(joined) if html else joined  # noqa: S308 -- each part escaped


def localized_line(line: str, *, html: bool = False) -> str:
    """One line of a reason in the reader's language (itself when Passage did not write it).

    Outside a request (no language active) it stays English. With ``html``, safe markup
    with each list's name isolated (``<bdi>``) from the words around it.
    """
    text = recognise(line.strip(), TEMPLATES)
    if not isinstance(text, Text):
        return escape(line) if html else line
    if text.template == REFERRAL:
        return _format(REFERRAL, html=html, hits=_hits(text.params["hits"], html))
    if text.template == CHIP_FAILED:
        checks = ", ".join(chip_check(c) for c in text.params["checks"].split(", "))
        return _format(CHIP_FAILED, html=html, checks=escape(checks) if html else checks)
    return escape(gettext(text.template)) if html else gettext(text.template)


def localized_hits(line: str, *, html: bool = False) -> str:
    """Of a list referral, its hits alone in the reader's language (the actions and the
    lists), for a line that already says the crossing was referred; any other line as
    :func:`localized_line` reads it."""
    text = recognise(line.strip(), TEMPLATES)
    if isinstance(text, Text) and text.template == REFERRAL:
        return _hits(text.params["hits"], html)
    return localized_line(line, html=html)


def localized_reason(reason: str | None, *, html: bool = False) -> str:
    """A whole reason, line by line, in the reader's language; with ``html``, safe markup
    (each line escaped, each list's name in a ``<bdi>``), its lines still split by
    newlines for ``|linebreaksbr``."""
    lines = (localized_line(line, html=html) for line in (reason or "").splitlines())
    joined = "\n".join(lines)
    return mark_safe(joined) if html else joined  # noqa: S308 -- each line escaped
