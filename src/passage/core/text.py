"""Text for people that the core writes in English and the pages show translated.

``passage.core`` cannot use Django's gettext, and its English messages are also part of
its contracts (``passage mrz parse`` JSON, the API). A :class:`Text` is that English
string, so every caller and contract keeps working, and it also carries the message's
stable template and parameters: the presentation layer translates the template (the
msgid) and fills in the parameters (docs/decisions/0063-core-messages-translated-by-template.md).

>>> t = Text("check digit {digit} does not match the data (expected {expected})",
...          digit="4", expected=3)
>>> t
'check digit 4 does not match the data (expected 3)'
>>> t.template, t.params["expected"]
('check digit {digit} does not match the data (expected {expected})', 3)
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Collection, Sequence
from typing import Any


class Text(str):
    """An English message (a ``str``) with its ``template`` and ``params``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Text:
        text = super().__new__(cls, template.format(**params))
        text.template = template
        text.params = params
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Text:
    return Text(template, **params)


def translate(message: str, gettext: Any) -> str:
    """``message`` in the reader's language, given the presentation layer's ``gettext``.

    >>> translate(Text("{n} days", n=3), lambda s: "{n} jours" if s == "{n} days" else s)
    '3 jours'
    >>> translate("plain text", lambda s: s.upper())
    'PLAIN TEXT'

    A parameter that is itself a :class:`Text` (a field's label) is translated too:

    >>> fr = {"{label} is missing": "{label} manque", "nationality": "nationalité"}
    >>> translate(Text("{label} is missing", label=Text("nationality")), lambda s: fr.get(s, s))
    'nationalité manque'
    """
    if isinstance(message, Text):
        params = {
            k: translate(v, gettext) if isinstance(v, Text) else v
            for k, v in message.params.items()
        }
        try:
            return str(gettext(message.template)).format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation: show English
            return str(message)
    return str(gettext(message))


def recognise(message: str, templates: Sequence[str], nested: Collection[str] = ()) -> str:
    """``message``, a plain English string stored or sent before it could carry its
    template, as the :class:`Text` of the first of ``templates`` it was written from;
    itself when none fits. Parameters named in ``nested`` (another message quoted inside,
    such as HQ's reason) are recognised in turn, so they are translated too.

    >>> t = recognise("HQ refused (403): access revoked",
    ...               ["HQ refused ({status}): {detail}", "access revoked"], {"detail"})
    >>> t.template, t.params["status"], t.params["detail"].template
    ('HQ refused ({status}): {detail}', '403', 'access revoked')
    >>> recognise("disk full", ["HQ refused ({status}): {detail}"])
    'disk full'
    """
    if isinstance(message, Text):
        return message
    for template in templates:
        match = _pattern(template).fullmatch(message)
        if match is not None:
            params = {
                name: recognise(value, templates, nested) if name in nested else value
                for name, value in match.groupdict().items()
            }
            return Text(template, **params)
    return message


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    return re.compile("".join(parts), re.DOTALL)
