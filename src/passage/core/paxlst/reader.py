"""PAXLST messages: envelopes, the data elements border agencies use, multi-part flights.

The segment layout follows the WCO/IATA/ICAO API guidelines for PAXLST (UN/EDIFACT
directories D02B to D15B; the layout did not change in what is read here):

- interchange ``UNB`` … ``UNZ`` (count of messages or groups, control reference 0020),
  optional functional groups ``UNG`` … ``UNE``, messages ``UNH`` … ``UNT`` (segment count
  including both, message reference 0062);
- ``BGM+745`` passenger list, ``BGM+250`` crew list; ``NAD+MS`` the party reporting
  (a contact, never a traveller);
- ``TDT+20`` a flight leg with ``LOC+125``/``DTM+189`` (departure) and ``LOC+87``/
  ``DTM+232`` (arrival), or ``LOC+92`` routing legs;
- per person ``NAD+FL`` (passenger) / ``NAD+FM`` (crew), ``DDU``/``DDT`` their in-transit
  forms: surname and given names in the party name (C080); ``ATT+2`` sex, ``DTM+329``
  birth date, ``LOC+178``/``LOC+179`` embarkation and disembarkation, ``NAT+2``
  nationality, ``RFF+AVF`` reservation, ``RFF+SEA`` seat; ``DOC`` type and number with
  ``DTM+36`` expiry and ``LOC+91`` issuing state;
- ``CNT+42`` passengers / ``CNT+41`` crew: the total for the flight, in the last part.

Large lists come in parts: UNH's sequence element ``01:C`` … ``nn:F``. :func:`assemble`
joins the parts of one flight and refuses a list with a part missing, repeated or out
of order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .syntax import PaxlstError, Segment, segments

__all__ = [
    "Document",
    "Flight",
    "Message",
    "PassengerList",
    "Person",
    "assemble",
    "parse_paxlst",
    "read_messages",
]

ROLES = {"FL": "passenger", "DDU": "passenger", "FM": "crew", "DDT": "crew"}
KINDS = {"745": "passenger", "250": "crew"}
SEXES = frozenset({"M", "F", "U", "X"})
_DOCUMENT_NUMBER = re.compile(r"[A-Z0-9]{1,35}")
_CODE = re.compile(r"[A-Z]{1,3}")
_PORT = re.compile(r"[A-Z0-9]{3,5}")
_DIRECTORY = re.compile(r"(0[2-9]|1[0-5])[AB]")


@dataclass(frozen=True, slots=True)
class Document:
    type: str | None
    number: str | None
    expiry: date | None = None
    issuing_state: str | None = None


@dataclass(frozen=True, slots=True)
class Flight:
    number: str
    carrier: str | None
    departure_port: str | None
    arrival_port: str | None
    departure: datetime | None
    arrival: datetime | None


@dataclass(frozen=True, slots=True)
class Person:
    role: str
    surname: str
    given_names: str
    sex: str | None = None
    birth_date: date | None = None
    nationality: str | None = None
    documents: tuple[Document, ...] = ()
    embarkation: str | None = None
    disembarkation: str | None = None
    reservation: str | None = None
    seat: str | None = None
    segment: int = 0

    @property
    def document(self) -> Document:
        """The travel document: the first one sent that is not a visa (``V``)."""
        for doc in self.documents:
            if doc.type is None or not doc.type.startswith("V"):
                return doc
        return self.documents[0] if self.documents else Document(None, None)


@dataclass(slots=True)
class Message:
    """One UNH … UNT message, possibly one part of a flight's list."""

    interchange_reference: str
    sender: str
    recipient: str
    prepared: datetime
    reference: str
    common_reference: str
    directory: str
    part: int
    last: bool
    kind: str
    flight: Flight
    persons: list[Person] = field(default_factory=list)
    total: int | None = None
    unh: Segment | None = None
    cnt: Segment | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PassengerList:
    """A flight's complete passenger or crew list, its parts joined."""

    kind: str
    flight: Flight
    persons: tuple[Person, ...]
    interchange_reference: str
    sender: str
    recipient: str
    prepared: datetime
    reference: str
    directory: str
    parts: int

    def key(self) -> tuple[str, str, str, str]:
        """What identifies one flight's list across resends: kind, flight, port, date."""
        day = self.flight.departure.date().isoformat() if self.flight.departure else ""
        return (self.kind, self.flight.number, self.flight.departure_port or "", day)


def _date(segment: Segment, value: str, fmt: str, *, reference: date, past: bool) -> date:
    """A date as sent (YYMMDD or CCYYMMDD); a two-digit year is put in the century that
    makes a birth date not later than ``reference`` and any other date within 50 years.

    >>> s = Segment("DTM", (("329", "720907"),), 9, 0, 1)
    >>> _date(s, "720907", "", reference=date(2007, 2, 18), past=True)
    datetime.date(1972, 9, 7)
    """
    value = value.strip()
    try:
        if fmt in ("102", "") and len(value) == 8:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if fmt in ("101", "") and len(value) == 6 and value.isdigit():
            yy, month, day = int(value[:2]), int(value[2:4]), int(value[4:])
            year = reference.year - reference.year % 100 + yy
            if (past and date(year, month, day) > reference) or (
                not past and year > reference.year + 50
            ):
                year -= 100
            elif not past and year < reference.year - 50:
                year += 100
            return date(year, month, day)
    except ValueError as exc:
        raise segment.error(f"{value!r} is not a date ({exc})") from None
    raise segment.error(f"{value!r} is not a date in format {fmt or 'YYMMDD'}")


def _datetime(segment: Segment, value: str, fmt: str, *, reference: date) -> datetime:
    """A date and time: YYMMDDHHMM (201), CCYYMMDDHHMM (203) or a date alone."""
    value = value.strip()
    if len(value) in (10, 12) and value.isdigit() and fmt in ("201", "203", ""):
        day = _date(segment, value[:-4], "", reference=reference, past=False)
        hour, minute = int(value[-4:-2]), int(value[-2:])
        if hour > 23 or minute > 59:
            raise segment.error(f"{value!r} is not a time of day")
        return datetime(day.year, day.month, day.day, hour, minute)
    day = _date(
        segment, value, fmt if fmt in ("101", "102") else "", reference=reference, past=False
    )
    return datetime(day.year, day.month, day.day)


def _code(segment: Segment, value: str, what: str, pattern: re.Pattern[str] = _CODE) -> str:
    if not pattern.fullmatch(value):
        raise segment.error(f"{what} {value!r} is not a code")
    return value


class _MessageReader:
    """Reads the segments of one message (UNH … UNT) into a :class:`Message`."""

    def __init__(self, segs: list[Segment], unb: Segment, prepared: datetime) -> None:
        self.segs = segs
        self.unb = unb
        self.prepared = prepared
        self.reference = prepared.date()

    def read(self) -> Message:
        unh, unt = self.segs[0], self.segs[-1]
        ref = unh.value(1)
        if not ref:
            raise unh.error("no message reference")
        if unh.value(2, 1) != "PAXLST":
            raise unh.error(f"message type {unh.value(2, 1)!r} is not PAXLST")
        version, release = unh.value(2, 2), unh.value(2, 3)
        if version != "D" or not _DIRECTORY.fullmatch(release) or release in ("02A",):
            raise unh.error(f"directory {version}:{release} is not one of D02B to D15B")
        part, last = 1, True
        if unh.value(4):
            seq, flag = unh.value(4, 1), unh.value(4, 2)
            if not seq.isdigit() or int(seq) < 1 or flag not in ("C", "F"):
                raise unh.error(f"sequence {seq}:{flag} is not nn:C or nn:F")
            part, last = int(seq), flag == "F"
        count = unt.value(1).strip()
        if not count.isdigit() or int(count) != len(self.segs):
            raise unt.error(
                f"segment count is {unt.value(1)!r}, the message has {len(self.segs)} segments"
            )
        if unt.value(2) != ref:
            raise unt.error(f"message reference {unt.value(2)!r} is not the UNH's {ref!r}")
        body = self.segs[1:-1]
        if not body or body[0].tag != "BGM":
            raise (body[0] if body else unt).error("a PAXLST message starts with BGM")
        kind = KINDS.get(body[0].value(1))
        if kind is None:
            raise body[0].error(
                f"document code {body[0].value(1)!r} is neither a passenger list (745) "
                "nor a crew list (250)"
            )
        message = Message(
            interchange_reference=self.unb.value(5),
            sender=self.unb.value(2),
            recipient=self.unb.value(3),
            prepared=self.prepared,
            reference=ref,
            common_reference=unh.value(3),
            directory=f"D{release}",
            part=part,
            last=last,
            kind=kind,
            flight=Flight("", None, None, None, None, None),
            unh=unh,
            source=None,
        )
        self._body(body[1:], message)
        return message

    def _body(self, body: list[Segment], message: Message) -> None:
        legs: list[_Leg] = []
        person: dict[str, object] | None = None
        persons: list[dict[str, object]] = []
        loc: str | None = None  # the LOC a following DTM belongs to
        doc: dict[str, object] | None = None
        for seg in body:
            tag = seg.tag
            if tag == "NAD":
                qualifier = seg.value(1)
                if qualifier == "MS":
                    if legs or persons:
                        raise seg.error("the reporting party (NAD+MS) comes before the flight")
                    continue
                if qualifier not in ROLES:
                    raise seg.error(f"party qualifier {qualifier!r} is not FL, FM, DDU or DDT")
                if not legs:
                    raise seg.error("a person is listed before the flight (TDT)")
                surname = seg.value(4, 1).strip()
                if not surname:
                    raise seg.error("no surname in the party name (4th data element)")
                given = " ".join(
                    part.strip()
                    for part in (seg.elements[3][1:] if len(seg.elements) > 3 else ())
                    if part.strip()
                )
                person = {
                    "role": ROLES[qualifier],
                    "surname": surname,
                    "given_names": given,
                    "segment": seg.number,
                    "documents": [],
                }
                persons.append(person)
                doc = None
                loc = None
            elif tag == "TDT":
                if persons:
                    raise seg.error("a flight leg (TDT) after the first person")
                if seg.value(1) != "20":
                    raise seg.error(f"transport stage {seg.value(1)!r} is not 20 (main carriage)")
                number = seg.value(2).strip()
                if not number:
                    raise seg.error("no flight number")
                legs.append(_Leg(number, seg.value(5).strip() or None))
                loc = None
            elif tag == "LOC":
                qualifier, place = seg.value(1), seg.value(2).strip()
                if person is None:
                    if not legs:
                        raise seg.error("a place before the flight (TDT)")
                    leg = legs[-1]
                    if qualifier in ("125", "87", "92"):
                        port = _code(seg, place, "airport", _PORT)
                        leg.crosses = leg.crosses or qualifier != "92"
                        if qualifier == "125" or (qualifier == "92" and leg.departure_port is None):
                            leg.departure_port, loc = port, "departure"
                        else:
                            leg.arrival_port, loc = port, "arrival"
                    continue
                if qualifier == "178":
                    person["embarkation"] = _code(seg, place, "port", _PORT)
                elif qualifier == "179":
                    person["disembarkation"] = _code(seg, place, "port", _PORT)
                elif qualifier == "91":
                    if doc is None:
                        raise seg.error("an issuing state (LOC+91) without a document (DOC)")
                    doc["issuing_state"] = _code(seg, place, "issuing state")
                loc = None
            elif tag == "DTM":
                qualifier, value, fmt = seg.value(1, 1), seg.value(1, 2), seg.value(1, 3)
                if person is None:
                    if qualifier in ("189", "232") and legs and loc:
                        when = _datetime(seg, value, fmt, reference=self.reference)
                        if qualifier == "189":
                            legs[-1].departure = when
                        else:
                            legs[-1].arrival = when
                    continue
                if qualifier == "329":
                    person["birth_date"] = _date(
                        seg, value, fmt, reference=self.reference, past=True
                    )
                elif qualifier == "36":
                    if doc is None:
                        raise seg.error("an expiry date (DTM+36) without a document (DOC)")
                    doc["expiry"] = _date(seg, value, fmt, reference=self.reference, past=False)
            elif tag == "ATT" and person is not None and seg.value(1) == "2":
                sex = seg.value(3).strip()
                if sex not in SEXES:
                    raise seg.error(f"sex {sex!r} is not M, F, U or X")
                person["sex"] = sex
            elif tag == "NAT" and person is not None:
                person["nationality"] = _code(seg, seg.value(2).strip(), "nationality")
            elif tag == "RFF" and person is not None:
                if seg.value(1, 1) == "AVF":
                    person["reservation"] = seg.value(1, 2).strip() or None
                elif seg.value(1, 1) == "SEA":
                    person["seat"] = seg.value(1, 2).strip() or None
            elif tag == "DOC":
                if person is None:
                    raise seg.error("a document (DOC) before any person (NAD)")
                number = seg.value(2).strip().upper()
                if number and not _DOCUMENT_NUMBER.fullmatch(number):
                    raise seg.error(
                        f"document number {seg.value(2)!r} has characters outside the MRZ "
                        "set (A-Z, 0-9)"
                    )
                doc_type = seg.value(1, 1).strip().upper() or None
                if doc_type is not None and not re.fullmatch(r"[A-Z0-9]{1,3}", doc_type):
                    raise seg.error(f"document type {doc_type!r} is not a code")
                doc = {"type": doc_type, "number": number or None}
                documents = person["documents"]
                assert isinstance(documents, list)
                documents.append(doc)
            elif tag == "CNT":
                if seg.value(1, 1) not in ("41", "42"):
                    continue
                count = seg.value(1, 2).strip()
                if not count.isdigit():
                    raise seg.error(f"total {count!r} is not a number (CNT+42:n or CNT+41:n)")
                expected = "42" if message.kind == "passenger" else "41"
                if seg.value(1, 1) != expected:
                    raise seg.error(
                        f"CNT+{seg.value(1, 1)} counts the wrong list for a {message.kind} list"
                    )
                message.total = int(count)
                message.cnt = seg
                person = None
            elif tag in ("UNH", "UNT", "UNB", "UNZ", "UNG", "UNE", "UNA"):
                raise seg.error("a service segment inside a message (a UNT missing?)")
        if not legs:
            raise (self.segs[-1]).error("no flight (TDT) in the message")
        message.flight = _flight(legs)
        message.persons = [_person(p) for p in persons]


@dataclass(slots=True)
class _Leg:
    number: str
    carrier: str | None
    crosses: bool = False
    departure_port: str | None = None
    arrival_port: str | None = None
    departure: datetime | None = None
    arrival: datetime | None = None


def _flight(legs: list[_Leg]) -> Flight:
    """The leg that crosses the border: the last with LOC 125/87, else the last one sent."""
    crossing = [leg for leg in legs if leg.crosses]
    leg = (crossing or legs)[-1]
    return Flight(
        number=leg.number,
        carrier=leg.carrier,
        departure_port=leg.departure_port,
        arrival_port=leg.arrival_port,
        departure=leg.departure,
        arrival=leg.arrival,
    )


def _person(fields: dict[str, object]) -> Person:
    docs = fields.pop("documents")
    assert isinstance(docs, list)
    documents = tuple(Document(**d) for d in docs)
    return Person(documents=documents, **fields)  # type: ignore[arg-type]


def _prepared(unb: Segment) -> datetime:
    day, time = unb.value(4, 1).strip(), unb.value(4, 2).strip()
    if len(day) not in (6, 8) or not day.isdigit() or len(time) != 4 or not time.isdigit():
        raise unb.error(f"preparation date and time {day}:{time} is not YYMMDD:HHMM")
    try:
        if len(day) == 8:
            year = int(day[:4])
        else:
            year = 2000 + int(day[:2]) if int(day[:2]) < 70 else 1900 + int(day[:2])
        return datetime(year, int(day[-4:-2]), int(day[-2:]), int(time[:2]), int(time[2:]))
    except ValueError as exc:
        raise unb.error(f"preparation date {day}:{time} is impossible ({exc})") from None


def read_messages(text: str, *, source: str | None = None) -> list[Message]:
    """Every PAXLST message in the interchanges of ``text``, in order, envelopes checked.

    Refuses (:class:`PaxlstError`) an interchange whose UNZ count or control reference does
    not match, a group whose UNE does not, a message whose UNT does not.
    """
    try:
        return _read(text, source)
    except PaxlstError as exc:
        if source and exc.source is None:
            exc.source = source
            exc.args = (str(exc),)
        raise


def _read(text: str, source: str | None) -> list[Message]:
    _, segs = segments(text)
    if segs and segs[0].tag == "UNA":
        segs = segs[1:]
    if not segs:
        raise PaxlstError("no segments: the file is empty")
    messages: list[Message] = []
    i = 0
    while i < len(segs):
        unb = segs[i]
        if unb.tag == "UNA" and messages:
            i += 1
            continue
        if unb.tag != "UNB":
            raise unb.error("an interchange starts with UNB (or UNA)")
        prepared = _prepared(unb)
        ref = unb.value(5).strip()
        if not ref:
            raise unb.error("no interchange control reference")
        i += 1
        units = 0
        while True:
            if i >= len(segs):
                raise PaxlstError(
                    "the interchange ends without UNZ (cut off?)",
                    tag=segs[-1].tag,
                    segment=segs[-1].number,
                    line=segs[-1].line,
                )
            seg = segs[i]
            if seg.tag == "UNZ":
                break
            if seg.tag == "UNG":
                group_ref = seg.value(5).strip()
                i += 1
                in_group = 0
                while i < len(segs) and segs[i].tag == "UNH":
                    i = _message(segs, i, unb, prepared, messages)
                    in_group += 1
                if i >= len(segs) or segs[i].tag != "UNE":
                    where = segs[i] if i < len(segs) else segs[-1]
                    raise where.error("the functional group does not end with UNE")
                une = segs[i]
                if une.value(1).strip() != str(in_group):
                    raise une.error(f"message count is {une.value(1)!r}, the group has {in_group}")
                if une.value(2).strip() != group_ref:
                    raise une.error(
                        f"group reference {une.value(2)!r} is not the UNG's {group_ref!r}"
                    )
                i += 1
                units += 1
            elif seg.tag == "UNH":
                i = _message(segs, i, unb, prepared, messages)
                units += 1
            else:
                raise seg.error("expected UNH, UNG or UNZ between messages")
        unz = segs[i]
        count = unz.value(1).strip()
        if not count.isdigit() or int(count) != units:
            raise unz.error(f"count is {count!r}, the interchange holds {units}")
        if unz.value(2).strip() != ref:
            raise unz.error(f"control reference {unz.value(2)!r} is not the UNB's {ref!r}")
        i += 1
    for message in messages:
        message.source = source
    return messages


def _message(
    segs: list[Segment], i: int, unb: Segment, prepared: datetime, out: list[Message]
) -> int:
    start = i
    i += 1
    while i < len(segs) and segs[i].tag not in ("UNT", "UNH", "UNE", "UNZ", "UNG", "UNB"):
        i += 1
    if i >= len(segs) or segs[i].tag != "UNT":
        where = segs[i] if i < len(segs) else segs[-1]
        raise where.error(f"message {segs[start].value(1)!r} does not end with UNT")
    out.append(_MessageReader(segs[start : i + 1], unb, prepared).read())
    return i + 1


def assemble(messages: Iterable[Message]) -> list[PassengerList]:
    """Join the parts of each flight's list (UNH sequence ``01:C`` … ``nn:F``), in order.

    Parts belong together when they share the UNH common access reference (or, without
    one, the flight) and the list kind. Parts must come in order, each once, the last
    marked ``F``; the last part's CNT must equal the number of persons in all parts.
    """
    open_lists: dict[tuple[str, ...], list[Message]] = {}
    done: list[tuple[int, PassengerList]] = []
    order = 0
    for message in messages:
        f = message.flight
        day = f.departure.date().isoformat() if f.departure else ""
        key = (
            message.kind,
            message.sender,
            message.common_reference or f"{f.number}/{f.departure_port}/{day}",
        )
        parts = open_lists.setdefault(key, [])
        expected = len(parts) + 1
        assert message.unh is not None
        if message.part != expected:
            missing = "" if message.part > expected else " again"
            raise PaxlstError(
                f"part {message.part:02d} of {message.kind} list {key[2]!r} arrived{missing} "
                f"where part {expected:02d} was expected (a part is missing or out of order)",
                tag="UNH",
                segment=message.unh.number,
                line=message.unh.line,
                source=message.source,
            )
        if parts and parts[0].flight.number != f.number:
            raise message.unh.error(
                f"part {message.part:02d} is for flight {f.number}, part 01 for "
                f"{parts[0].flight.number}"
            )
        parts.append(message)
        if not message.last:
            continue
        del open_lists[key]
        persons = tuple(p for part in parts for p in part.persons)
        if message.total is None or message.cnt is None:
            raise PaxlstError(
                "the last part has no total (CNT+42 or CNT+41)",
                tag="UNT",
                source=message.source,
                segment=message.unh.number,
                line=message.unh.line,
            )
        if message.total != len(persons):
            raise PaxlstError(
                f"total is {message.total}, the list has {len(persons)} "
                f"{'person' if len(persons) == 1 else 'persons'}",
                tag="CNT",
                segment=message.cnt.number,
                line=message.cnt.line,
                source=message.source,
            )
        first = parts[0]
        done.append(
            (
                order,
                PassengerList(
                    kind=message.kind,
                    flight=first.flight,
                    persons=persons,
                    interchange_reference=message.interchange_reference,
                    sender=message.sender,
                    recipient=message.recipient,
                    prepared=message.prepared,
                    reference=first.reference,
                    directory=first.directory,
                    parts=len(parts),
                ),
            )
        )
        order += 1
    for open_key, parts in open_lists.items():
        last = parts[-1]
        assert last.unh is not None
        raise PaxlstError(
            f"{last.kind} list {open_key[2]!r} stops at part {last.part:02d}: the part marked F "
            "(final) never came",
            tag="UNH",
            segment=last.unh.number,
            line=last.unh.line,
            source=last.source,
        )
    return [item for _, item in done]


def parse_paxlst(text: str, *, source: str | None = None) -> list[PassengerList]:
    """Every complete passenger or crew list in ``text``.

    >>> text = (
    ...     "UNB+UNOA:4+AIR+GOV+240301:0900+77'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
    ...     "TDT+20+UX123'LOC+125+MAD'DTM+189:2403011000:201'LOC+87+UTO'"
    ...     "NAD+FL+++O?'NEILL:ANNE MARIE'ATT+2++F'DTM+329:850214'DOC+P+X1234567'"
    ...     "DTM+36:300101'LOC+91+IRL'CNT+42:1'UNT+14+1'UNZ+1+77'"
    ... )
    >>> [(p.surname, p.given_names, p.birth_date.isoformat(), p.document.number)
    ...  for p in parse_paxlst(text)[0].persons]
    [("O'NEILL", 'ANNE MARIE', '1985-02-14', 'X1234567')]
    """
    return assemble(read_messages(text, source=source))
