"""BER-TLV, as ISO/IEC 7816-4 §5.2 and X.690 write it: the reader every file starts with.

>>> read_tlv(bytes.fromhex("5f1f014190"), "EF.DG1")
(24351, b'A', 4)
"""

from __future__ import annotations

from .errors import ChipError


def read_tlv(data: bytes, source: str, offset: int = 0) -> tuple[int, bytes, int]:
    """One BER-TLV at ``offset``: (tag, value, offset after it). ISO/IEC 7816-4 §5.2."""
    end = len(data)
    if offset >= end:
        raise ChipError(source, "the data ends where a tag was expected")
    first = data[offset]
    tag, i = first, offset + 1
    if first & 0x1F == 0x1F:
        while True:
            if i >= end or i - offset > 3:
                raise ChipError(source, "a tag is cut short or longer than three bytes")
            tag = (tag << 8) | data[i]
            i += 1
            if not data[i - 1] & 0x80:
                break
    if i >= end:
        raise ChipError(source, f"the data ends before the length of tag {tag:X}")
    length = data[i]
    i += 1
    if length == 0x80:
        raise ChipError(source, f"tag {tag:X} has an indefinite length, not allowed here")
    if length > 0x80:
        count = length & 0x7F
        if count > 4 or i + count > end:
            raise ChipError(source, f"tag {tag:X} has an unreadable length")
        length = int.from_bytes(data[i : i + count], "big")
        i += count
    if i + length > end:
        raise ChipError(source, f"tag {tag:X} announces {length} bytes, {end - i} remain")
    return tag, data[i : i + length], i + length


def children(data: bytes, source: str) -> list[tuple[int, bytes, bytes]]:
    """The TLVs filling ``data``: (tag, value, the whole TLV)."""
    found, offset = [], 0
    while offset < len(data):
        tag, value, end = read_tlv(data, source, offset)
        found.append((tag, value, data[offset:end]))
        offset = end
    return found
