"""Advance passenger information: UN/EDIFACT PAXLST passenger and crew lists.

Framework-free (standard library only). The public API:

- :func:`parse_paxlst` → complete :class:`PassengerList` objects (parts joined)
- :func:`read_messages` → one :class:`Message` per UNH … UNT, envelopes checked
- :func:`assemble` → joins the parts of multi-part lists (``01:C`` … ``nn:F``)
- :func:`segments` → the segments of an interchange (UNA, release character)
- :func:`decode` → the text of a file, in the character set its UNB names
- :func:`make_paxlst` → an interchange for a flight's list (tests, benchmarks, demo)
- :class:`PaxlstError` → every refusal, naming the segment tag and position

See ``docs/passengers.md`` for what is read and what is refused.
"""

from __future__ import annotations

from .reader import (
    Document,
    Flight,
    Message,
    PassengerList,
    Person,
    assemble,
    parse_paxlst,
    read_messages,
)
from .syntax import DEFAULT_SERVICE, PaxlstError, Segment, ServiceCharacters, decode, segments
from .writer import make_paxlst

__all__ = [
    "DEFAULT_SERVICE",
    "Document",
    "Flight",
    "Message",
    "PassengerList",
    "PaxlstError",
    "Person",
    "Segment",
    "ServiceCharacters",
    "assemble",
    "decode",
    "make_paxlst",
    "parse_paxlst",
    "read_messages",
    "segments",
]
