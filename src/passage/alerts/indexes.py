"""Screening indexes per list version: built once, saved under ``VAR_DIR/alerts``, mapped.

A version's directory holds ``names.idx`` (a :class:`ScreeningIndex` over its persons),
``docs.idx`` (a :class:`DocumentList` of its listed documents and of the documents of
its persons whose issuing state is known) with ``docs-ids.npy`` (the entry id of each
document record), and ``ready.json``, written last: a directory without it is a build
that did not finish and is built again. Each worker process maps the files of the
active versions once (:func:`loaded`) and keeps them until another version becomes
active; the pages are shared between workers by the operating system.

Engine limits worked around here (reported to the screening helper): an
:class:`AlertEntry` holds one birth date, nationality and document number, so a person
with several is indexed as several records ``<uuid>#n`` folded back into one hit; and a
query without names finds nothing even when its document number is listed, so persons'
documents are also put in the document list; and :meth:`DocumentList.lookup` maps the
issuing state through the OCR table too (``UTO`` becomes ``UT0``), so its OCR variants
are never found for states holding O, Q, I, L, B, S or Z: a second list keyed by the
numbers' OCR keys (``docs-ocr.idx``) is looked up exactly instead.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import timezone

from passage.core.screening import (
    AlertEntry,
    DocumentList,
    ScreeningIndex,
    StoreError,
    make_entry,
    ocr_key,
)

from . import conf
from .choices import EntryKind
from .models import AlertListVersion

MAX_VARIANTS = 12


@dataclass
class LoadedIndex:
    version_id: str
    names: ScreeningIndex | None
    docs: DocumentList | None
    docs_ocr: DocumentList | None
    doc_ids: Any  # numpy uint8 array, one row of 16 bytes per entry id, memory-mapped

    def doc_entry(self, ref: int) -> uuid.UUID:
        return uuid.UUID(bytes=self.doc_ids[ref].tobytes())


_loaded: dict[str, LoadedIndex] = {}


def version_dir(version_id: Any) -> Path:
    return conf.index_dir() / str(version_id)


def _person_records(row: dict[str, Any]) -> Iterator[AlertEntry]:
    names = [*row["names"], *row["original_names"]]
    if not names:
        return
    births = row["birth_dates"] or [None]
    numbers = [d["number"] for d in row["documents"] if d.get("number")] or [None]
    nationality = (row["nationalities"] or [None])[0]
    pk = str(row["id"])
    yield make_entry(pk, names, births[0], nationality, numbers[0])
    extra = [(b, None) for b in births[1:]] + [(births[0], n) for n in numbers[1:]]
    for i, (birth, number) in enumerate(extra[:MAX_VARIANTS], start=1):
        yield make_entry(f"{pk}#{i}", names, birth, nationality, number)


def build(version: AlertListVersion, *, force: bool = False) -> Path:
    """Build the version's index files (under a lock, so two workers build it once)."""
    target = version_dir(version.pk)
    if (target / "ready.json").exists() and not force:
        return target
    conf.index_dir().mkdir(parents=True, exist_ok=True)
    with open(conf.index_dir() / f"{version.pk}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "ready.json").exists() and not force:
            return target
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        people: list[AlertEntry] = []
        doc_records: list[tuple[str, str, int]] = []
        doc_ids: list[bytes] = []
        fields = ("id", "kind", "names", "original_names", "birth_dates", "nationalities")
        rows = (
            version.live_entries()
            .filter(withdrawn=False)
            .values(*fields, "documents", "issuing_state", "document_number")
            .iterator(chunk_size=5000)
        )
        for row in rows:
            if row["kind"] == EntryKind.DOCUMENT:
                docs = [{"issuing_state": row["issuing_state"], "number": row["document_number"]}]
            else:
                people.extend(_person_records(row))
                single = row["nationalities"][0] if len(row["nationalities"]) == 1 else ""
                docs = [
                    {"issuing_state": d.get("issuing_state") or single, "number": d["number"]}
                    for d in row["documents"]
                ]
            for d in docs:
                if d["issuing_state"] and d["number"]:
                    doc_records.append((d["issuing_state"], d["number"], len(doc_ids)))
                    doc_ids.append(row["id"].bytes)
        if people:
            ScreeningIndex.build(people, list_version=str(version.pk)).save(target / "names.idx")
        if doc_records:
            DocumentList.from_records(doc_records, list_version=str(version.pk)).save(
                target / "docs.idx"
            )
            DocumentList.from_records(
                [(state, ocr_key(number), ref) for state, number, ref in doc_records],
                list_version=str(version.pk),
            ).save(target / "docs-ocr.idx")
            # Raw bytes, not numpy's "S16": that type drops trailing NUL bytes, so one
            # id in 256 (those ending in 00) came back 15 bytes long and broke screening.
            ids = np.frombuffer(b"".join(doc_ids), dtype=np.uint8).reshape(-1, 16)
            np.save(target / "docs-ids.npy", ids)
        meta = {
            "version": str(version.pk),
            "list": str(version.alert_list_id),
            "number": version.number,
            "persons": len(people),
            "documents": len(doc_records),
            "built_at": timezone.now().isoformat(),
        }
        (target / "ready.json").write_text(json.dumps(meta))
    return target


def is_built(version_id: Any) -> bool:
    return (version_dir(version_id) / "ready.json").exists()


def build_missing(versions: list[AlertListVersion]) -> list[AlertListVersion]:
    """Build the indexes of ``versions`` that have none (a process killed between a
    version becoming active and its index being written); returns those built."""
    built = []
    for version in versions:
        if not is_built(version.pk):
            build(version)
            built.append(version)
    return built


def loaded(version: AlertListVersion) -> LoadedIndex:
    """The version's index, mapped once per process (built first when missing)."""
    key = str(version.pk)
    cached = _loaded.get(key)
    if cached is not None:
        return cached
    try:
        index = _load(key, build(version))
    except StoreError:
        # Written by another version of the engine (or damaged): rebuilt, never misread.
        index = _load(key, build(version, force=True))
    _loaded[key] = index
    return index


def _load(key: str, target: Path) -> LoadedIndex:
    names = ScreeningIndex.load(target / "names.idx") if (target / "names.idx").exists() else None
    docs = DocumentList.load(target / "docs.idx") if (target / "docs.idx").exists() else None
    ocr = DocumentList.load(target / "docs-ocr.idx") if docs is not None else None
    ids = np.load(target / "docs-ids.npy", mmap_mode="r") if docs is not None else None
    if ids is not None and (ids.dtype != np.uint8 or ids.ndim != 2 or ids.shape[1] != 16):
        raise StoreError(f"{target / 'docs-ids.npy'}: ids stored as {ids.dtype}, not 16 bytes")
    return LoadedIndex(key, names, docs, ocr, ids)


def forget_others(active: set[str]) -> None:
    """Unmap versions that are no longer active (their files stay until cleaned)."""
    for key in list(_loaded):
        if key not in active:
            del _loaded[key]


def remove_stale(keep: set[str]) -> list[str]:
    """Delete index directories of versions not in ``keep``; returns what was removed."""
    removed: list[str] = []
    root = conf.index_dir()
    if not root.exists():
        return removed
    for child in root.iterdir():
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child.name)
        elif child.suffix == ".lock" and child.stem not in keep:
            child.unlink(missing_ok=True)
    return removed
