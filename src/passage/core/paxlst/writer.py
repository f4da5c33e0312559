"""Write PAXLST interchanges: for tests, benchmarks and the demo's carriers.

The layout is the one :mod:`.reader` reads (WCO/IATA/ICAO API guidelines): a list longer
than ``part_size`` persons is sent in parts ``01:C`` … ``nn:F``, the total in the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .reader import Flight, Person
from .syntax import DEFAULT_SERVICE, ServiceCharacters

__all__ = ["make_paxlst"]


def _escape(value: str, service: ServiceCharacters) -> str:
    out = []
    special = {service.release, service.component, service.data, service.terminator}
    for char in value:
        if char in special:
            out.append(service.release)
        out.append(char)
    return "".join(out)


def make_paxlst(
    kind: str,
    flight: Flight,
    persons: Sequence[Person],
    *,
    interchange_reference: str,
    prepared: datetime,
    sender: str = "CARRIER",
    recipient: str = "BORDER",
    directory: str = "05B",
    part_size: int = 0,
    service: ServiceCharacters = DEFAULT_SERVICE,
    una: bool = True,
    group: bool = True,
    newline: str = "\n",
) -> str:
    """A PAXLST interchange listing ``persons`` on ``flight``.

    >>> f = Flight("UX1", "UX", "MAD", "UTO", datetime(2024, 3, 1, 10), None)
    >>> text = make_paxlst("passenger", f, [Person("passenger", "DOE", "JANE")],
    ...                    interchange_reference="1", prepared=datetime(2024, 3, 1, 8))
    >>> text.splitlines()[6:9]
    ["TDT+20+UX1+++UX'", "LOC+125+MAD'", "DTM+189:2403011000:201'"]
    """
    c, d, t = service.component, service.data, service.terminator

    def seg(*elements: str | tuple[str, ...]) -> str:
        parts = []
        for element in elements:
            if isinstance(element, tuple):
                parts.append(c.join(_escape(v, service) for v in element))
            else:
                parts.append(_escape(element, service))
        return d.join(parts) + t

    when = prepared.strftime("%y%m%d"), prepared.strftime("%H%M")
    size = part_size or max(1, len(persons))
    chunks = [persons[i : i + size] for i in range(0, len(persons), size)] or [[]]
    out: list[str] = []
    if una:
        out.append(
            "UNA"
            + service.component
            + service.data
            + service.decimal
            + service.release
            + service.reserved
            + service.terminator
        )
    out.append(seg("UNB", ("UNOA", "4"), sender, recipient, when, interchange_reference))
    if group:
        out.append(seg("UNG", "PAXLST", sender, recipient, when, "1", "UN", ("D", directory)))
    flight_segs = [seg("TDT", "20", flight.number, "", "", flight.carrier or "")]
    if flight.departure_port:
        flight_segs.append(seg("LOC", "125", flight.departure_port))
        if flight.departure:
            flight_segs.append(seg("DTM", ("189", flight.departure.strftime("%y%m%d%H%M"), "201")))
    if flight.arrival_port:
        flight_segs.append(seg("LOC", "87", flight.arrival_port))
        if flight.arrival:
            flight_segs.append(seg("DTM", ("232", flight.arrival.strftime("%y%m%d%H%M"), "201")))
    day = flight.departure.strftime("%y%m%d") if flight.departure else ""
    common = f"{flight.number}/{day}"
    for n, chunk in enumerate(chunks, start=1):
        last = n == len(chunks)
        msg = [
            seg(
                "UNH",
                f"{interchange_reference}{n:02d}",
                ("PAXLST", "D", directory, "UN", "IATA"),
                common,
                (f"{n:02d}", "F" if last else "C"),
            ),
            seg("BGM", "745" if kind == "passenger" else "250"),
            seg("NAD", "MS", "", "", "OPERATIONS"),
            *flight_segs,
        ]
        for person in chunk:
            qualifier = "FL" if person.role == "passenger" else "FM"
            names = (
                (person.surname, *person.given_names.split(" "))
                if person.given_names
                else (person.surname,)
            )
            msg.append(seg("NAD", qualifier, "", "", names))
            if person.sex:
                msg.append(seg("ATT", "2", "", person.sex))
            if person.birth_date:
                msg.append(seg("DTM", ("329", person.birth_date.strftime("%Y%m%d"), "102")))
            if person.embarkation:
                msg.append(seg("LOC", "178", person.embarkation))
            if person.disembarkation:
                msg.append(seg("LOC", "179", person.disembarkation))
            if person.nationality:
                msg.append(seg("NAT", "2", person.nationality))
            if person.reservation:
                msg.append(seg("RFF", ("AVF", person.reservation)))
            if person.seat:
                msg.append(seg("RFF", ("SEA", person.seat)))
            for doc in person.documents:
                msg.append(seg("DOC", (doc.type or "", "110", "111"), doc.number or ""))
                if doc.expiry:
                    msg.append(seg("DTM", ("36", doc.expiry.strftime("%Y%m%d"), "102")))
                if doc.issuing_state:
                    msg.append(seg("LOC", "91", doc.issuing_state))
        if last:
            msg.append(seg("CNT", ("42" if kind == "passenger" else "41", str(len(persons)))))
        msg.append(seg("UNT", str(len(msg) + 1), f"{interchange_reference}{n:02d}"))
        out.extend(msg)
    if group:
        out.append(seg("UNE", str(len(chunks)), "1"))
    out.append(seg("UNZ", "1" if group else str(len(chunks)), interchange_reference))
    return newline.join(out) + newline
