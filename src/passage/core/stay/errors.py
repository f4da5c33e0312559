"""Exceptions raised by ``passage.core.stay``.

The calculator separates two kinds of trouble. *Bad input* — values that no real history
or rule can produce — raises one of the exceptions below, each naming the field at fault
so a form or an import can point at it. *Incomplete knowledge* — an exit with no
recorded entry, a stay with no recorded exit, records that do not reach back far enough
— is not an error: :func:`~passage.core.stay.assess_entry` and
:func:`~passage.core.stay.assess_exit` answer it with the explicit ``cannot_tell``
outcome and the reason, never with a guess::

    StayError                     base class; catch this to catch everything below
     ├── InvalidRuleError         a rule that cannot be applied: a non-positive
     │                            ``max_days`` or ``window_days``, ``max_days`` longer
     │                            than ``window_days``, an unknown rule
     ├── InvalidStayError         a stay whose exit is before its entry, or a date that
     │                            is not a date
     ├── OverlappingStaysError    two stays that overlap (one starts before the other
     │                            has ended), or a stay with no exit followed by another;
     │                            an exit and a re-entry on the same day are allowed
     ├── InvalidDocumentError     a visa or permit that cannot be valid: ends before it
     │                            starts, a non-positive duration, entries other than
     │                            1, 2 or multiple, an unknown permit kind
     └── MalformedInputError      a ``passage stay`` JSON line that cannot be read
                                  (not JSON, a missing key, a date not ``YYYY-MM-DD``)

Every class also derives from ``ValueError``. ``field`` names the input in the notation
of the ``passage stay`` contract (``rule.max_days``, ``stays[2].exit``) and ``str(error)``
reads ``"<field>: <message>"``, the form the JSON-lines error output uses.

>>> str(InvalidRuleError("window_days", "must be a positive number of days, not 0", 0))
'window_days: must be a positive number of days, not 0'
"""

from __future__ import annotations

from ..text import Text


class StayError(ValueError):
    """Base class of every exception this package raises on purpose.

    ``field`` names the offending input, ``message`` says what is wrong with it and
    ``value`` holds the value as given (``None`` when there is none).
    """

    def __init__(self, field: str, message: str, value: object = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.value = value

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    @property
    def text(self) -> Text:
        """The error as a person reads it: ``str(self)``, translatable on pages when
        ``message`` is a :class:`~passage.core.text.Text`."""
        return Text("{field}: {message}", field=self.field, message=self.message)


class InvalidRuleError(StayError):
    """A rule that cannot be applied (non-positive numbers, ``max_days > window_days``)."""


class InvalidStayError(StayError):
    """A stay that cannot have happened: its exit is before its entry."""


class OverlappingStaysError(StayError):
    """Two stays that overlap, or an open stay (no exit) followed by another stay."""


class InvalidDocumentError(StayError):
    """A visa or permit whose values cannot be valid."""


class MalformedInputError(StayError):
    """A ``passage stay`` input line that cannot be read."""
