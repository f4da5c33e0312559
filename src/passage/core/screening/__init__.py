"""Screening travellers against alert lists and lost/stolen document lists.

- :class:`ScreeningIndex`: an inverted index over alert entries, built once per list
  version, saved to one file and memory-mapped by every worker (:mod:`.index`);
  :meth:`ScreeningIndex.screen` returns :class:`Hit` s with a score in 0..1 and an
  explanation (:mod:`.scoring`, :mod:`.evidence`).
- :class:`DocumentList`: exact lookup of documents by issuing state and number, with
  OCR-confusion variants (:mod:`.documents`).
- :func:`screen_jsonl`: the ``passage screen`` contract of DESIGN.md §5 (:mod:`.jsonl`).
- :data:`DEFAULT_THRESHOLD`: the calibrated operating threshold.
"""

from __future__ import annotations

from passage.core.screening.documents import DocumentHit, DocumentList
from passage.core.screening.evidence import (
    DateEvidence,
    PartialDate,
    compare_birth_dates,
    normalise_country,
    normalise_document_number,
    ocr_key,
    parse_birth_date,
)
from passage.core.screening.index import (
    DEFAULT_THRESHOLD,
    AlertEntry,
    Hit,
    Query,
    ScreeningIndex,
    make_entry,
    make_query,
)
from passage.core.screening.jsonl import RecordError, load_entries, screen_jsonl, screen_lines
from passage.core.screening.scoring import (
    Scored,
    Subject,
    compare_names,
    make_subject,
    prepare_name,
    score_subjects,
)
from passage.core.screening.store import StoreError

__all__ = [
    "DEFAULT_THRESHOLD",
    "AlertEntry",
    "DateEvidence",
    "DocumentHit",
    "DocumentList",
    "Hit",
    "PartialDate",
    "Query",
    "RecordError",
    "Scored",
    "ScreeningIndex",
    "StoreError",
    "Subject",
    "compare_birth_dates",
    "compare_names",
    "load_entries",
    "make_entry",
    "make_query",
    "make_subject",
    "normalise_country",
    "normalise_document_number",
    "ocr_key",
    "parse_birth_date",
    "prepare_name",
    "score_subjects",
    "screen_jsonl",
    "screen_lines",
]
