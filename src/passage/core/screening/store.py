"""The on-disk container of screening indexes and document lists, read through ``mmap``.

Layout of a file (all integers little-endian)::

    offset 0   8 bytes   magic  b"PSGIDX\\x00\\x01"
    offset 8   4 bytes   header length H (uint32)
    offset 12  H bytes   header: UTF-8 JSON
                         {"kind": "screening-index" | "document-list",
                          "format_version": 1,
                          "meta": {...},                     # kind-specific, see the owner
                          "arrays": {name: {"dtype": "<u8", "shape": [n], "offset": o}}}
    then       arrays, each starting at a multiple of 64 bytes, raw C-order data

Readers check ``kind`` and ``format_version`` and refuse anything else, so a file
written by another version is rebuilt, never misread. Files are written to a temporary
name and renamed, so a worker never maps a half-written file. Arrays come back as
read-only ``numpy`` views of one shared ``mmap``: every worker process that opens the
same file shares one copy in the page cache.

Keys are hashed with 64-bit FNV-1a (:func:`fnv1a64`), computed column-wise in ``numpy``
so that millions of keys hash in a fraction of a second.

>>> fnv1a64(["", "a"]).tolist() == [0xCBF29CE484222325, 0xAF63DC4C8601EC8C]
True
"""

from __future__ import annotations

import json
import mmap
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

MAGIC: Final = b"PSGIDX\x00\x01"
ALIGN: Final = 64
_FNV_OFFSET: Final = np.uint64(0xCBF29CE484222325)
_FNV_PRIME: Final = np.uint64(0x100000001B3)
_FNV_OFFSET_INT: Final = 0xCBF29CE484222325
_FNV_PRIME_INT: Final = 0x100000001B3
_MASK64: Final = 0xFFFFFFFFFFFFFFFF
# Up to this many keys are hashed in plain Python (no per-column numpy passes).
_FEW_KEYS: Final = 8

U64 = npt.NDArray[np.uint64]
Array = npt.NDArray[Any]


class StoreError(ValueError):
    """A file that is not a Passage index of the expected kind and version."""


def fnv1a64(keys: Sequence[str] | Sequence[bytes]) -> U64:
    """64-bit FNV-1a of each key's UTF-8 bytes (keys must not contain NUL)."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    raw = [k.encode() if isinstance(k, str) else k for k in keys]
    if n <= _FEW_KEYS:
        # A handful of keys (one query's document number) hash faster byte by byte in
        # Python than through a numpy pass per column.
        return np.array([_fnv1a64_one(k) for k in raw], dtype=np.uint64)
    width = max(1, max(map(len, raw)))
    matrix = np.array(raw, dtype=f"S{width}").view(np.uint8).reshape(n, width)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    for j in range(width):
        col = matrix[:, j]
        live = col != 0
        if not live.any():
            break
        h = np.where(live, (h ^ col.astype(np.uint64)) * _FNV_PRIME, h)
    return h


def _fnv1a64_one(key: bytes) -> int:
    h = _FNV_OFFSET_INT
    for byte in key:
        h = ((h ^ byte) * _FNV_PRIME_INT) & _MASK64
    return h


def fnv1a64_matrix(matrix: npt.NDArray[np.uint8], salt: bytes = b"") -> U64:
    """FNV-1a of each row of a NUL-padded byte matrix, after the bytes of ``salt``.

    ``fnv1a64_matrix(rows, b"X")`` equals ``fnv1a64([b"X" + row])`` row by row.
    """
    n = matrix.shape[0]
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    for byte in salt:
        h = (h ^ np.uint64(byte)) * _FNV_PRIME
    for j in range(matrix.shape[1]):
        col = matrix[:, j]
        h = np.where(col != 0, (h ^ col.astype(np.uint64)) * _FNV_PRIME, h)
    return h


def pack_strings(values: Sequence[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """Strings as one UTF-8 blob and ``len + 1`` offsets."""
    encoded = [v.encode() for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def unpack_string(blob: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], i: int) -> str:
    """The ``i``-th string of a blob written by :func:`pack_strings`."""
    return bytes(blob[int(offsets[i]) : int(offsets[i + 1])]).decode()


def write_store(
    path: str | os.PathLike[str],
    kind: str,
    version: int,
    meta: Mapping[str, Any],
    arrays: Mapping[str, Array],
) -> None:
    """Write ``arrays`` and ``meta`` to ``path`` atomically, in the layout above."""
    table: dict[str, dict[str, Any]] = {}
    offset = 0
    for name, arr in arrays.items():
        table[name] = {"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset}
        offset += -(-arr.nbytes // ALIGN) * ALIGN
    header: dict[str, Any] = {
        "kind": kind,
        "format_version": version,
        "meta": dict(meta),
        "arrays": table,
    }
    # Array offsets are relative to the data start; fix them once the header size is known.
    raw = json.dumps(header).encode()
    start = -(-(12 + len(raw) + 64) // ALIGN) * ALIGN
    for spec in table.values():
        spec["offset"] += start
    raw = json.dumps(header).encode().ljust(start - 12, b" ")
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(len(raw).to_bytes(4, "little"))
            fh.write(raw)
            for name, arr in arrays.items():
                fh.seek(table[name]["offset"])
                fh.write(np.ascontiguousarray(arr).tobytes())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_store(
    path: str | os.PathLike[str], kind: str, version: int
) -> tuple[dict[str, Any], dict[str, Array]]:
    """Map ``path`` read-only and return its ``meta`` and its arrays (views of the map)."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:8] != MAGIC:
            raise StoreError(f"{path}: not a Passage index file")
        length = int.from_bytes(head[8:12], "little")
        header = json.loads(fh.read(length))
        if header.get("kind") != kind or header.get("format_version") != version:
            raise StoreError(
                f"{path}: holds {header.get('kind')} v{header.get('format_version')}, "
                f"expected {kind} v{version}; rebuild it"
            )
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    arrays: dict[str, Array] = {}
    for name, spec in header["arrays"].items():
        dtype = np.dtype(spec["dtype"])
        count = int(np.prod(spec["shape"])) if spec["shape"] else 1
        if count == 0:
            arrays[name] = np.zeros(spec["shape"], dtype=dtype)
            continue
        arr = np.frombuffer(mm, dtype=dtype, count=count, offset=spec["offset"])
        arrays[name] = arr.reshape(spec["shape"])
    return header["meta"], arrays
