"""UN/EDIFACT syntax (ISO 9735): service characters, segments, the error type.

Errors::

    ValueError
    └── PaxlstError      every refusal: names the segment tag, its number in the file,
                         the line and the character offset where the segment starts

The reader never raises anything else on bad input: a malformed interchange, a bad date
or an unknown code is a :class:`PaxlstError`, whatever the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEFAULT_SERVICE", "PaxlstError", "Segment", "ServiceCharacters", "decode", "segments"]

_TAG = re.compile(r"[A-Z0-9]{3}")
# Segments may be separated by line breaks and indentation (carriers send one segment
# a line, or everything on one line, or both); ISO 9735 §7 allows no other text there.
_BETWEEN = " \t\r\n\ufeff"


class PaxlstError(ValueError):
    """A PAXLST interchange that cannot be read; ``str()`` names where.

    >>> str(PaxlstError("count is 4, segments are 5", tag="UNT", segment=7, line=7))
    'UNT (segment 7, line 7): count is 4, segments are 5'
    """

    def __init__(
        self,
        message: str,
        *,
        tag: str | None = None,
        segment: int | None = None,
        line: int | None = None,
        offset: int | None = None,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.tag = tag
        self.segment = segment
        self.line = line
        self.offset = offset
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.segment is not None:
            where.append(f"segment {self.segment}")
        if self.line is not None:
            where.append(f"line {self.line}")
        head = self.tag or "interchange"
        if where:
            head += f" ({', '.join(where)})"
        if self.source:
            head = f"{self.source}: {head}"
        return f"{head}: {self.message}"


@dataclass(frozen=True, slots=True)
class ServiceCharacters:
    """The six characters of the service string advice (UNA), ISO 9735-1 §7."""

    component: str = ":"
    data: str = "+"
    decimal: str = "."
    release: str = "?"
    reserved: str = " "
    terminator: str = "'"


DEFAULT_SERVICE = ServiceCharacters()


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its data elements (each a tuple of components), where it is.

    ``number`` counts segments from 1 in the text (UNA included), ``offset`` is the
    character where the segment starts and ``line`` its line.
    """

    tag: str
    elements: tuple[tuple[str, ...], ...]
    number: int
    offset: int
    line: int

    def value(self, element: int, component: int = 1) -> str:
        """The component (1-based) of a data element (1-based after the tag), or ''.

        >>> Segment("LOC", (("178",), ("ATL", "", "")), 1, 0, 1).value(2)
        'ATL'
        """
        if element > len(self.elements):
            return ""
        parts = self.elements[element - 1]
        return parts[component - 1] if component <= len(parts) else ""

    def error(self, message: str) -> PaxlstError:
        return PaxlstError(message, tag=self.tag, segment=self.number, line=self.line)


def decode(data: bytes) -> str:
    """Text of an interchange, in the character set its UNB names (syntax identifier 0001).

    UNOY/UNOW are UTF-8, UNOC…UNOK the ISO 8859 parts; UNOA/UNOB (upper-case and mixed
    ASCII) and anything else are read as UTF-8, which is ASCII for a conforming message.

    >>> decode(b"UNB+UNOC:3+A+B+070218:1545+1'")[:9]
    'UNB+UNOC:'
    """
    head = data[:400].decode("latin-1")
    match = re.search(r"UNB.(UNO[A-Z])", head)
    encoding = {
        "UNOC": "iso8859-1",
        "UNOD": "iso8859-2",
        "UNOE": "iso8859-5",
        "UNOF": "iso8859-7",
        "UNOG": "iso8859-3",
        "UNOH": "iso8859-4",
        "UNOI": "iso8859-6",
        "UNOJ": "iso8859-8",
        "UNOK": "iso8859-9",
    }.get(match.group(1) if match else "", "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PaxlstError(
            f"byte {exc.start} is not {encoding} (the character set the UNB names)",
            line=line,
            offset=exc.start,
        ) from exc


def _service(text: str, start: int) -> tuple[ServiceCharacters, int]:
    """Read a UNA at ``start``; return the characters and where the next segment starts."""
    chars = text[start + 3 : start + 9]
    line = text.count("\n", 0, start) + 1
    if len(chars) < 6:
        raise PaxlstError("the service string advice is cut off", tag="UNA", segment=1, line=line)
    service = ServiceCharacters(*chars)
    significant = [service.component, service.data, service.release, service.terminator]
    if len(set(significant)) < 4:
        raise PaxlstError(
            f"service characters {chars!r} are not distinct", tag="UNA", segment=1, line=line
        )
    for char in significant:
        if char.isalnum() or char in "\r\n":
            raise PaxlstError(
                f"{char!r} cannot be a service character", tag="UNA", segment=1, line=line
            )
    return service, start + 9


def segments(text: str) -> tuple[ServiceCharacters, list[Segment]]:
    """Split an interchange into segments, releasing escaped characters (ISO 9735-1 §7-§9).

    >>> service, found = segments("UNA:+.? 'UNB+UNOA:4+AIR+GOV+070218:1545+1'NAD+FL+++O?'BRIEN:JO'")
    >>> [(s.tag, s.elements[-1]) for s in found]
    [('UNA', (":+.? '",)), ('UNB', ('1',)), ('NAD', ("O'BRIEN", 'JO'))]
    """
    for bad in re.finditer(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        line = text.count("\n", 0, bad.start()) + 1
        raise PaxlstError(
            f"control character U+{ord(bad.group()):04X} at character {bad.start()}",
            line=line,
            offset=bad.start(),
        )
    pos = 0
    while pos < len(text) and text[pos] in _BETWEEN:
        pos += 1
    found: list[Segment] = []
    service = DEFAULT_SERVICE
    if text.startswith("UNA", pos):
        service, after = _service(text, pos)
        found.append(Segment("UNA", ((text[pos + 3 : pos + 9],),), 1, pos, 1))
        pos = after
    rel, term = re.escape(service.release), re.escape(service.terminator)
    comp, data = service.component, service.data
    # Cut into segments first; only a segment holding a released character needs the
    # slower character-level split (most segments hold none).
    pieces = re.split(f"({rel}.|{term})", text[pos:], flags=re.DOTALL)
    inner = re.compile(f"({rel}.|{re.escape(data)}|{re.escape(comp)})", re.DOTALL)
    offset = pos
    buf: list[str] = []
    released = False
    number = len(found)
    line = text.count("\n", 0, pos) + 1
    line_at = pos
    for index, piece in enumerate(pieces):
        if index % 2 == 0 or len(piece) == 2:
            buf.append(piece)
            released = released or index % 2 == 1
            continue
        raw = "".join(buf)
        body = raw.lstrip(_BETWEEN)
        start = offset + len(raw) - len(body)
        offset += len(raw) + len(piece)
        buf, number = [], number + 1
        line += text.count("\n", line_at, start)
        line_at = start
        if released:
            elements = _released(inner.split(body), comp, data)
            released = False
        else:
            elements = [tuple(e.split(comp)) for e in body.split(data)]
        head = elements[0]
        tag = head[0].rstrip(_BETWEEN)
        if len(head) != 1 or not _TAG.fullmatch(tag):
            raise PaxlstError(
                f"{tag[:20]!r} is not a segment tag", segment=number, line=line, offset=start
            )
        found.append(Segment(tag, tuple(elements[1:]), number, start, line))
    rest = "".join(buf)
    body = rest.lstrip(_BETWEEN)
    if body.strip(_BETWEEN):
        start = offset + len(rest) - len(body)
        line += text.count("\n", line_at, start)
        raise PaxlstError(
            "the text ends inside a segment (cut off, or no segment terminator "
            f"{service.terminator!r})",
            tag=body[:3],
            segment=number + 1,
            line=line,
            offset=start,
        )
    return service, found


def _released(tokens: list[str], comp: str, data: str) -> list[tuple[str, ...]]:
    """Elements of one segment split at unreleased separators, released ones kept."""
    elements: list[tuple[str, ...]] = []
    components: list[str] = []
    current: list[str] = []
    for index, token in enumerate(tokens):
        if index % 2 == 0:
            current.append(token)
        elif len(token) == 2:
            current.append(token[1])
        elif token == comp:
            components.append("".join(current))
            current = []
        else:
            components.append("".join(current))
            elements.append(tuple(components))
            components, current = [], []
    components.append("".join(current))
    elements.append(tuple(components))
    return elements
