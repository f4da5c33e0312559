"""Stay rules: how long a traveller may stay, and by how many days they overstayed.

Framework-free (standard library only); the ``stay`` app calls it with plain values. The
public API:

- value types: :class:`Stay`, :class:`MaxStayRule`, :class:`RollingWindowRule`
  (:data:`SCHENGEN_SHORT_STAY` is 90 days in any 180), :class:`Visa`, :class:`Permit`,
  :class:`Traveller`, :class:`ExemptionPolicy`, :class:`History`
- counting, one rule at a time: :func:`days_used`, :func:`authorised_until`,
  :func:`authorised_stay`, :func:`overstay_days` (bad input raises :class:`StayError`)
- at the counter: :func:`assess_entry`, :func:`assess_exit` → :class:`Assessment`
  (:class:`Outcome`, :class:`Decision`), with an explicit ``cannot_tell`` outcome for
  partial histories; :func:`exemption`
- the ``passage stay`` JSON-lines contract of DESIGN.md §5: :func:`run_stay_jsonl`,
  :func:`run_stay`, :func:`stay_record`

Rules implemented: Regulation (EU) 2016/399 (Schengen Borders Code) Art. 6(1)-(2), the EES
calculator and overstayer list of Regulation (EU) 2017/2226 Art. 11-12, visas per
Regulation (EC) No 810/2009 Art. 24. See ``docs/stay.md``.

>>> from datetime import date
>>> authorised_until([Stay(date(2025, 1, 1), date(2025, 1, 10))], date(2025, 2, 1),
...                  SCHENGEN_SHORT_STAY)
datetime.date(2025, 4, 21)
"""

from __future__ import annotations

from .assess import assess_entry, assess_exit, exemption
from .calc import authorised_stay, authorised_until, days_used, overstay_days
from .errors import (
    InvalidDocumentError,
    InvalidRuleError,
    InvalidStayError,
    MalformedInputError,
    OverlappingStaysError,
    StayError,
)
from .jsonl import run_stay, run_stay_jsonl, stay_record
from .model import (
    SCHENGEN_SHORT_STAY,
    Assessment,
    Decision,
    ExemptionPolicy,
    History,
    MaxStayRule,
    Outcome,
    Permit,
    PermitKind,
    RollingWindowRule,
    Rule,
    Stay,
    Traveller,
    Visa,
)

__all__ = [
    "SCHENGEN_SHORT_STAY",
    "Assessment",
    "Decision",
    "ExemptionPolicy",
    "History",
    "InvalidDocumentError",
    "InvalidRuleError",
    "InvalidStayError",
    "MalformedInputError",
    "MaxStayRule",
    "Outcome",
    "OverlappingStaysError",
    "Permit",
    "PermitKind",
    "RollingWindowRule",
    "Rule",
    "Stay",
    "StayError",
    "Traveller",
    "Visa",
    "assess_entry",
    "assess_exit",
    "authorised_stay",
    "authorised_until",
    "days_used",
    "exemption",
    "overstay_days",
    "run_stay",
    "run_stay_jsonl",
    "stay_record",
]
