"""Value types of the stay calculator: stays, rules, visas, permits, exemptions, results.

Every type is a frozen dataclass that checks its own invariants on construction and
raises a :class:`~passage.core.stay.errors.StayError` subclass naming the field at fault,
so a value that exists is a value the calculator can use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, TypeAlias

from ..text import Text
from .errors import InvalidDocumentError, InvalidRuleError, InvalidStayError

__all__ = [
    "SCHENGEN_SHORT_STAY",
    "Assessment",
    "Decision",
    "ExemptionPolicy",
    "History",
    "MaxStayRule",
    "Outcome",
    "Permit",
    "PermitKind",
    "RollingWindowRule",
    "Rule",
    "Stay",
    "Traveller",
    "Visa",
]


def _check_date(
    name: str, value: object, error: type[InvalidStayError | InvalidDocumentError]
) -> None:
    # datetime is a date subclass; a time of day would silently drop out of day arithmetic.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise error(name, Text("must be a date, not {value!r}", value=value), value)


def _check_days(
    name: str, value: object, error: type[InvalidRuleError | InvalidDocumentError]
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(name, Text("must be a whole number of days, not {value!r}", value=value), value)
    if value <= 0:
        raise error(
            name, Text("must be a positive number of days, not {value}", value=value), value
        )
    return value


@dataclass(frozen=True, slots=True)
class Stay:
    """One stay on the territory: entry day and exit day, both days of presence.

    Regulation (EU) 2016/399 Art. 6(2): "the date of entry shall be considered as the first
    day of stay … and the date of exit … as the last day of stay", so a same-day entry and
    exit is one day. ``exit=None`` is an open stay: the traveller is still present.

    >>> Stay(date(2025, 3, 1), date(2025, 3, 1)).days
    1
    >>> Stay(date(2025, 3, 2), date(2025, 3, 1))
    Traceback (most recent call last):
    ...
    passage.core.stay.errors.InvalidStayError: exit: 2025-03-01 is before the entry 2025-03-02
    """

    entry: date
    exit: date | None = None

    def __post_init__(self) -> None:
        _check_date("entry", self.entry, InvalidStayError)
        if self.exit is not None:
            _check_date("exit", self.exit, InvalidStayError)
            if self.exit < self.entry:
                raise InvalidStayError(
                    "exit",
                    Text("{exit} is before the entry {entry}", exit=self.exit, entry=self.entry),
                    self.exit,
                )

    @property
    def is_open(self) -> bool:
        return self.exit is None

    @property
    def days(self) -> int | None:
        """Days of presence, entry and exit days included; ``None`` for an open stay."""
        return None if self.exit is None else self.exit.toordinal() - self.entry.toordinal() + 1


@dataclass(frozen=True, slots=True)
class MaxStayRule:
    """At most ``max_days`` days per stay, counted from the day of entry (entry day = day 1).

    A new entry starts a new count: the rule alone does not stop "border runs"; pair it
    with a :class:`RollingWindowRule` when that matters.

    >>> MaxStayRule(30).describe()
    'at most 30 days per stay, counted from the day of entry'
    """

    max_days: int

    def __post_init__(self) -> None:
        _check_days("max_days", self.max_days, InvalidRuleError)

    @property
    def code(self) -> str:
        return "max_stay"

    def describe(self) -> str:
        return Text(
            "at most {max_days} days per stay, counted from the day of entry",
            max_days=self.max_days,
        )


@dataclass(frozen=True, slots=True)
class RollingWindowRule:
    """At most ``max_days`` days of presence in any period of ``window_days`` days.

    Regulation (EU) 2016/399 Art. 6(1) (90 days in any 180-day period, "which entails
    considering the 180-day period preceding each day of stay") and Art. 6(2) (entry and
    exit days both count); the EES calculator, Regulation (EU) 2017/2226 Art. 11.
    ``max_days == window_days`` is allowed and never binds.

    >>> RollingWindowRule(90, 180).describe()
    'at most 90 days in any 180-day period, entry and exit days counted'
    >>> RollingWindowRule(200, 180)
    Traceback (most recent call last):
    ...
    passage.core.stay.errors.InvalidRuleError: max_days: 200 is longer than the window of 180 days
    """

    max_days: int
    window_days: int

    def __post_init__(self) -> None:
        _check_days("max_days", self.max_days, InvalidRuleError)
        _check_days("window_days", self.window_days, InvalidRuleError)
        if self.max_days > self.window_days:
            raise InvalidRuleError(
                "max_days",
                Text(
                    "{max_days} is longer than the window of {window_days} days",
                    max_days=self.max_days,
                    window_days=self.window_days,
                ),
                self.max_days,
            )

    @property
    def code(self) -> str:
        return "rolling_window"

    def describe(self) -> str:
        return Text(
            "at most {max_days} days in any {window_days}-day period, entry and exit days counted",
            max_days=self.max_days,
            window_days=self.window_days,
        )


Rule: TypeAlias = MaxStayRule | RollingWindowRule

#: The Schengen short-stay rule, Regulation (EU) 2016/399 Art. 6(1).
SCHENGEN_SHORT_STAY = RollingWindowRule(90, 180)


@dataclass(frozen=True, slots=True)
class Visa:
    """A visa: its validity, the entries it allows and the days of stay it allows.

    Regulation (EC) No 810/2009 (Visa Code) Art. 24(1): a visa is valid from ``valid_from``
    to ``valid_until`` (both days included), for one entry (``entries_allowed=1``), two
    (``2``) or multiple (``None``), and authorises ``duration_days`` days of stay counted
    over its whole validity (``None``: any number of days within the validity; the
    rolling-window rule still applies). ``entries_used`` is the number of entries already
    made on the visa when the caller knows it; ``None`` lets the calculator count the
    recorded entries that fall within the validity.

    >>> v = Visa(date(2025, 1, 1), date(2025, 3, 31), entries_allowed=1, duration_days=15)
    >>> v.is_valid_on(date(2025, 3, 31)), v.is_valid_on(date(2025, 4, 1))
    (True, False)
    """

    valid_from: date
    valid_until: date
    entries_allowed: int | None = None
    duration_days: int | None = None
    entries_used: int | None = None

    def __post_init__(self) -> None:
        _check_date("valid_from", self.valid_from, InvalidDocumentError)
        _check_date("valid_until", self.valid_until, InvalidDocumentError)
        if self.valid_until < self.valid_from:
            raise InvalidDocumentError(
                "valid_until",
                Text("{until} is before {start}", until=self.valid_until, start=self.valid_from),
                self.valid_until,
            )
        if self.entries_allowed is not None and (
            isinstance(self.entries_allowed, bool) or self.entries_allowed not in (1, 2)
        ):
            raise InvalidDocumentError(
                "entries_allowed",
                Text("must be 1, 2 or None (multiple), not {value!r}", value=self.entries_allowed),
                self.entries_allowed,
            )
        if self.duration_days is not None:
            _check_days("duration_days", self.duration_days, InvalidDocumentError)
        if self.entries_used is not None and (
            isinstance(self.entries_used, bool)
            or not isinstance(self.entries_used, int)
            or self.entries_used < 0
        ):
            raise InvalidDocumentError(
                "entries_used",
                Text(
                    "must be a count of entries (0 or more), not {value!r}", value=self.entries_used
                ),
                self.entries_used,
            )

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


PermitKind: TypeAlias = Literal["residence", "work"]
_PERMIT_KINDS = ("residence", "work")


@dataclass(frozen=True, slots=True)
class Permit:
    """A residence or work permit, valid from ``valid_from`` to ``valid_until`` inclusive.

    While a permit is valid the holder may stay, and those days are not counted against
    short-stay rules: Regulation (EU) 2016/399 Art. 6(2), "periods of stay authorised
    under a residence permit or a long-stay visa shall not be taken into account".

    >>> Permit("residence", date(2025, 1, 1), date(2025, 12, 31)).is_valid_on(date(2025, 6, 1))
    True
    """

    kind: PermitKind
    valid_from: date
    valid_until: date

    def __post_init__(self) -> None:
        if self.kind not in _PERMIT_KINDS:
            raise InvalidDocumentError(
                "kind",
                Text("must be 'residence' or 'work', not {value!r}", value=self.kind),
                self.kind,
            )
        _check_date("valid_from", self.valid_from, InvalidDocumentError)
        _check_date("valid_until", self.valid_until, InvalidDocumentError)
        if self.valid_until < self.valid_from:
            raise InvalidDocumentError(
                "valid_until",
                Text("{until} is before {start}", until=self.valid_until, start=self.valid_from),
                self.valid_until,
            )

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


@dataclass(frozen=True, slots=True)
class Traveller:
    """What the exemptions look at: nationality (ICAO code), document type, residence.

    ``document_type`` is the MRZ document code (``P``, ``PD`` for a diplomatic passport,
    ``ID``…); ``resident`` is true for a known resident whose permit is not recorded.
    """

    nationality: str | None = None
    document_type: str | None = None
    resident: bool = False


@dataclass(frozen=True, slots=True)
class ExemptionPolicy:
    """Who is not subject to stay limits. Configured per deployment (the ``stay`` app).

    Checked in this order, the first match deciding: own nationals
    (``own_nationalities``), residents (``residents``), diplomatic passports
    (``diplomatic`` and ``diplomatic_document_types``, Regulation (EU) 2018/1806
    Art. 6(1)(a) lets a state exempt them), then the configurable
    ``exempt_nationalities`` and ``exempt_document_types``.
    """

    own_nationalities: frozenset[str] = frozenset()
    exempt_nationalities: frozenset[str] = frozenset()
    exempt_document_types: frozenset[str] = frozenset()
    residents: bool = True
    diplomatic: bool = True
    diplomatic_document_types: frozenset[str] = frozenset({"PD"})


@dataclass(frozen=True, slots=True)
class History:
    """A traveller's recorded stays, and what is known to be missing from them.

    ``covers_from`` is the first day from which the records are known to be complete
    (the day the system started recording, the retention horizon); ``None`` means the
    stays are the complete history. ``problems`` lists gaps found while building the
    history from raw records (:meth:`from_records`, :meth:`from_crossings`). Overlapping
    stays are detected when the history is assessed. An assessment that needs a day
    before ``covers_from``, or any history with problems, answers "cannot tell".

    >>> h = History.from_records([(None, date(2025, 3, 1))])
    >>> h.problems
    ("an exit on 2025-03-01 has no recorded entry: the stay's entry is unknown",)
    """

    stays: tuple[Stay, ...] = ()
    covers_from: date | None = None
    problems: tuple[str, ...] = ()

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple[date | None, date | None]],
        *,
        covers_from: date | None = None,
        open_allowed: bool = True,
    ) -> History:
        """Build a history from ``(entry, exit)`` pairs in which either date may be missing.

        An exit with no entry, a record with neither, and an exit before its entry become
        ``problems`` instead of raising; ``entry`` with no exit is an open stay (a problem
        too when ``open_allowed`` is false).
        """
        stays: list[Stay] = []
        problems: list[str] = []
        for entry, exit_ in records:
            if entry is None and exit_ is None:
                problems.append(Text("a stay has neither an entry nor an exit date"))
            elif entry is None:
                problems.append(
                    Text(
                        "an exit on {day} has no recorded entry: the stay's entry is unknown",
                        day=exit_,
                    )
                )
            elif exit_ is not None and exit_ < entry:
                problems.append(
                    Text(
                        "a stay is recorded with its exit {exit} before its entry {entry}",
                        exit=exit_,
                        entry=entry,
                    )
                )
            elif exit_ is None and not open_allowed:
                problems.append(
                    Text("the stay entered on {entry} has no recorded exit", entry=entry)
                )
            else:
                stays.append(Stay(entry, exit_))
        return cls(tuple(stays), covers_from, tuple(problems))

    @classmethod
    def from_crossings(
        cls,
        crossings: Iterable[tuple[Literal["entry", "exit"], date]],
        *,
        covers_from: date | None = None,
    ) -> History:
        """Pair ``("entry" | "exit", day)`` crossings, in the order given, into stays.

        Pass the crossings in the order they happened (by time, not only by day: an exit
        and a re-entry on the same day must keep their order). An exit with no entry
        before it and an entry followed by another entry (an exit is missing) become
        ``problems``; a final entry with no exit is the open stay.

        >>> h = History.from_crossings([("entry", date(2025, 1, 1)), ("exit", date(2025, 1, 5))])
        >>> h.stays, h.problems
        ((Stay(entry=datetime.date(2025, 1, 1), exit=datetime.date(2025, 1, 5)),), ())
        """
        stays: list[Stay] = []
        problems: list[str] = []
        entered: date | None = None
        for direction, day in crossings:
            if direction == "entry":
                if entered is not None:
                    problems.append(
                        Text(
                            "the entry on {entered} is followed by another entry on {day} "
                            "with no exit between them: an exit is missing",
                            entered=entered,
                            day=day,
                        )
                    )
                entered = day
            elif direction == "exit":
                if entered is None:
                    problems.append(
                        Text(
                            "an exit on {day} has no recorded entry: the stay's entry is unknown",
                            day=day,
                        )
                    )
                elif day < entered:
                    problems.append(
                        Text(
                            "an exit on {day} is recorded before its entry on {entered}",
                            day=day,
                            entered=entered,
                        )
                    )
                else:
                    stays.append(Stay(entered, day))
                entered = None
            else:
                raise InvalidStayError(
                    "direction",
                    Text("must be 'entry' or 'exit', not {value!r}", value=direction),
                    direction,
                )
        if entered is not None:
            stays.append(Stay(entered, None))
        return cls(tuple(stays), covers_from, tuple(problems))


class Outcome(StrEnum):
    """What an assessment concluded. An officer confirms any decision about a person."""

    AUTHORISED = "authorised"
    """May enter, or left within the authorised stay."""
    REFUSED = "refused"
    """No day of stay is authorised on the day assessed (the rule is already exceeded,
    the visa is missing, not valid, or its entries or days are used up)."""
    OVERSTAYED = "overstayed"
    """At exit: some days of the stay were beyond the authorised stay."""
    EXEMPT = "exempt"
    """Not subject to stay limits (own national, resident, diplomat, configured)."""
    CANNOT_TELL = "cannot_tell"
    """The history is partial or inconsistent: see ``reasons``. Never a guess."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The rule that decided an assessment: a stable ``code`` and a text for people."""

    code: str
    text: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The result of :func:`assess_entry` or :func:`assess_exit`.

    ``authorised_until`` is the last day the traveller may stay (``date.max`` when nothing
    limits the stay; ``None`` when refused, exempt or cannot tell). ``days_used`` and
    ``days_remaining`` are those of the reporting rule (see ``docs/stay.md``).
    ``overstay_days`` is 0 at entry. ``reasons`` holds every problem found when the
    outcome is ``cannot_tell``, and is empty otherwise.
    """

    outcome: Outcome
    on: date
    decided_by: Decision
    authorised_until: date | None = None
    days_used: int | None = None
    days_remaining: int | None = None
    overstay_days: int = 0
    reasons: tuple[str, ...] = field(default=())

    @property
    def cannot_tell(self) -> bool:
        return self.outcome is Outcome.CANNOT_TELL

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping: dates as ``YYYY-MM-DD``."""
        return {
            "outcome": self.outcome.value,
            "on": self.on.isoformat(),
            "authorised_until": (
                None if self.authorised_until is None else self.authorised_until.isoformat()
            ),
            "days_used": self.days_used,
            "days_remaining": self.days_remaining,
            "overstay_days": self.overstay_days,
            "decided_by": {"code": self.decided_by.code, "text": self.decided_by.text},
            "reasons": list(self.reasons),
        }
