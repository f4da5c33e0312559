"""Lost, stolen and revoked documents: exact lookup by issuing state and number.

A document list is an exact-key problem (REFERENCE.md, "Alert-list screening"): the key
is the issuing state (alpha-3, as in the MRZ) and the number with fillers and punctuation
removed (:func:`.evidence.normalise_document_number`). A second key replaces the
characters OCR confuses by the digit they mimic (:func:`.evidence.ocr_key`), so a number
read ``AB1234`` from a listed ``A81234`` is still found, flagged ``ocr_variant``.

Both keys are hashed (64-bit FNV-1a of ``STATE|NUMBER``) into sorted ``uint64`` arrays
next to the record numbers they point to; a lookup is two binary searches on
memory-mapped arrays (about 24 probes at 10 M records) and a check of the stored state
and number, so hash collisions never produce a hit.

File: the :mod:`.store` container, kind ``document-list``, format version 1, arrays
``exact_hash``/``exact_row`` and ``ocr_hash``/``ocr_row`` (uint64/uint32, sorted by hash),
``state`` (S3) and ``number`` (S *width*) per record, and ``ref`` (int64, the caller's
record reference). ``meta`` holds ``list_version``, ``records`` and ``width``.

>>> docs = DocumentList.from_records([("D", "C01X00T47", 7), ("FRA", "12AB34567", 8)])
>>> docs.lookup("DEU", "C01X00T47")
[DocumentHit(ref=7, state='DEU', number='C01X00T47', kind='exact')]
>>> docs.lookup("FRA", "12A834567")
[DocumentHit(ref=8, state='FRA', number='12AB34567', kind='ocr_variant')]
>>> docs.lookup("FRA", "C01X00T47")
[]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from passage.core.screening.evidence import normalise_country, normalise_document_number, ocr_key
from passage.core.screening.store import fnv1a64, fnv1a64_matrix, read_store, write_store

KIND: Final = "document-list"
FORMAT_VERSION: Final = 1
_OCR_TABLE: Final = np.arange(256, dtype=np.uint8)
for _src, _dst in zip(b"OQILBSZ", b"0011852", strict=True):
    _OCR_TABLE[_src] = _dst


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A listed document found for a lookup; ``kind`` is ``exact`` or ``ocr_variant``."""

    ref: int
    state: str
    number: str
    kind: str


def _key_matrix(states: npt.NDArray[Any], numbers: npt.NDArray[Any]) -> npt.NDArray[np.uint8]:
    """Rows ``STATE|NUMBER`` as a NUL-padded byte matrix."""
    n = len(states)
    s = np.asarray(states, dtype="S3").view(np.uint8).reshape(n, 3)
    width = np.asarray(numbers).dtype.itemsize
    num = np.asarray(numbers).view(np.uint8).reshape(n, width)
    # A state shorter than 3 letters leaves NULs, which the hash skips, as in ``_key``.
    bar = np.full((n, 1), ord("|"), dtype=np.uint8)
    out: npt.NDArray[np.uint8] = np.concatenate([s, bar, num], axis=1)
    return out


def _key(state: str, number: str) -> str:
    return f"{state}|{number}"


class DocumentList:
    """A memory-mappable lost/stolen/revoked document list (see the module docstring)."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
        self.meta = meta
        self._a = arrays

    @classmethod
    def from_arrays(
        cls,
        states: npt.NDArray[Any],
        numbers: npt.NDArray[Any],
        refs: npt.NDArray[np.int64] | None = None,
        *,
        list_version: str = "",
    ) -> DocumentList:
        """Build from already normalised ``S3`` states and ``S``-width numbers (fast path)."""
        states = np.asarray(states, dtype="S3")
        numbers = np.asarray(numbers)
        if numbers.dtype.kind != "S":
            numbers = numbers.astype("S")
        n = len(states)
        matrix = _key_matrix(states, numbers)
        exact = fnv1a64_matrix(matrix)
        # Only the number is read by OCR: the state keeps its letters (IRQ, SYR).
        ocr_matrix = matrix.copy()
        ocr_matrix[:, 4:] = _OCR_TABLE[matrix[:, 4:]]
        ocr = fnv1a64_matrix(ocr_matrix)
        e_order = np.argsort(exact, kind="stable")
        o_order = np.argsort(ocr, kind="stable")
        arrays: dict[str, Any] = {
            "exact_hash": exact[e_order],
            "exact_row": e_order.astype(np.uint32),
            "ocr_hash": ocr[o_order],
            "ocr_row": o_order.astype(np.uint32),
            "state": states,
            "number": numbers,
            "ref": np.arange(n, dtype=np.int64)
            if refs is None
            else np.asarray(refs, dtype=np.int64),
        }
        meta = {"list_version": list_version, "records": n, "width": numbers.dtype.itemsize}
        return cls(meta, arrays)

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[str, str, int]], *, list_version: str = ""
    ) -> DocumentList:
        """Build from ``(issuing state, number, ref)`` triples in any written form."""
        states: list[bytes] = []
        numbers: list[bytes] = []
        refs: list[int] = []
        for state, number, ref in records:
            states.append((normalise_country(state) or "").encode())
            numbers.append(normalise_document_number(number).encode())
            refs.append(ref)
        return cls.from_arrays(
            np.array(states, dtype="S3"),
            np.array(numbers, dtype="S") if numbers else np.zeros(0, dtype="S1"),
            np.array(refs, dtype=np.int64),
            list_version=list_version,
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the list to ``path`` atomically."""
        write_store(path, KIND, FORMAT_VERSION, self.meta, self._a)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DocumentList:
        """Map a document list file read-only."""
        meta, arrays = read_store(path, KIND, FORMAT_VERSION)
        return cls(meta, arrays)

    def __len__(self) -> int:
        return int(self.meta["records"])

    def _rows(
        self, hashes: npt.NDArray[np.uint64], rows: npt.NDArray[np.uint32], h: np.uint64
    ) -> list[int]:
        lo = int(np.searchsorted(hashes, h, side="left"))
        out: list[int] = []
        while lo < len(hashes) and hashes[lo] == h:
            out.append(int(rows[lo]))
            lo += 1
        return out

    def lookup(self, state: str, number: str) -> list[DocumentHit]:
        """Listed documents of ``state`` with this number, exact ones first, then OCR variants."""
        st = normalise_country(state) or ""
        num = normalise_document_number(number)
        if not num:
            return []
        a = self._a
        exact_h, ocr_h = fnv1a64([_key(st, num), _key(st, ocr_key(num))])
        hits: list[DocumentHit] = []
        seen: set[int] = set()
        for row in self._rows(a["exact_hash"], a["exact_row"], exact_h):
            s, n = a["state"][row].decode(), a["number"][row].decode()
            if s == st and n == num:
                hits.append(DocumentHit(int(a["ref"][row]), s, n, "exact"))
                seen.add(row)
        okey = ocr_key(num)
        for row in self._rows(a["ocr_hash"], a["ocr_row"], ocr_h):
            if row in seen:
                continue
            s, n = a["state"][row].decode(), a["number"][row].decode()
            if s == st and ocr_key(n) == okey:
                hits.append(DocumentHit(int(a["ref"][row]), s, n, "ocr_variant"))
        return hits
