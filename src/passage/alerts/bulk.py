"""Screening many travellers at once: a passenger list before the flight lands.

:func:`screen_many` gives, for every subject, the :class:`~.screening.Screening` that
:func:`~.screening.screen` gives for it alone — same candidates, same scores, same
threshold, same suppressions (a test compares them on a varied list) — with the work
that does not depend on the traveller done once: one active-list lookup, each version's
index mapped once, names screened through the engine's batch entry point
(:func:`passage.core.screening.batch.screen_many`: one key lookup for the whole list),
one query for every listed entry any subject reached and one for the false-positive
suppressions of every document on the list.

Nothing is stored here: the passenger list's ingest stores what it needs.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from passage.core.screening import make_query, normalise_document_number
from passage.core.screening.batch import screen_many as screen_names

from . import conf, indexes
from .choices import HitKind, ScreeningOutcome
from .models import AlertEntry, FalsePositiveSuppression
from .screening import (
    Candidate,
    FoundHit,
    Screening,
    Subject,
    _document_hits,
    _merge,
    active_versions,
)

log = logging.getLogger(__name__)
# Retrieval releases the interpreter lock in numpy: two threads use a post's two cores.
WORKERS = min(2, os.cpu_count() or 1)


def screen_many(subjects: Sequence[Subject]) -> list[Screening]:
    """Screen every subject against every active list version; one result per subject."""
    lists = active_versions()
    if not lists:
        return [
            Screening(ScreeningOutcome.NO_LISTS, message=_("No alert list is active."))
            for _s in subjects
        ]
    indexes.forget_others({str(al.active_version_id) for al in lists})
    names = [[n for n in s.names if n and n.strip()] for s in subjects]
    numbers = [normalise_document_number(s.document_number) for s in subjects]
    threshold = conf.threshold()
    candidates: list[list[Candidate]] = [[] for _s in subjects]
    screened = []
    try:
        for al in lists:
            version = al.active_version
            assert version is not None
            index = indexes.loaded(version)
            screened.append({"list": al.name, "version": str(version.pk), "number": version.number})
            if index.names is not None:
                asked = [i for i, n in enumerate(names) if n]
                queries = [
                    make_query(
                        "q",
                        names[i],
                        subjects[i].birth_date,
                        subjects[i].nationality or None,
                        numbers[i] or None,
                    )
                    for i in asked
                ]
                for i, hits in zip(
                    asked,
                    screen_names(index.names, queries, threshold, workers=WORKERS),
                    strict=True,
                ):
                    candidates[i].extend(
                        (al, h.entry_id.split("#")[0], HitKind.NAME, h.score, h.explanation)
                        for h in hits
                    )
            if index.docs is not None:
                for i, s in enumerate(subjects):
                    if numbers[i] and s.issuing_state:
                        candidates[i].extend(_document_hits(al, index, s.issuing_state, numbers[i]))
    except Exception as exc:  # a broken index must not stop the list: say so per person
        log.exception("bulk screening failed")
        message = _("Screening failed (%(error)s): check the traveller by other means.") % {
            "error": exc.__class__.__name__
        }
        return [
            Screening(ScreeningOutcome.UNAVAILABLE, lists=list(screened), message=message)
            for _s in subjects
        ]
    today = timezone.localdate()
    entries = AlertEntry.objects.select_related("alert_list").in_bulk(
        {uuid.UUID(c[1]) for found in candidates for c in found}
    )
    suppressions = _suppressions(subjects, numbers, candidates)
    out = []
    for i, s in enumerate(subjects):
        result = Screening(
            ScreeningOutcome.CLEAR, lists=list(screened), documents_only=not names[i]
        )
        found: dict[uuid.UUID, FoundHit] = {}
        for al, entry_id, kind, score, explanation in candidates[i]:
            entry = entries.get(uuid.UUID(entry_id))
            if entry is None or entry.withdrawn or entry.expired(today):
                continue
            _merge(found, FoundHit(entry, al.active_version, kind, score, explanation))
        for hit in found.values():
            if numbers[i] and s.issuing_state:
                hit.suppression = suppressions.get(
                    (hit.entry.alert_list_id, hit.entry.key, s.issuing_state, numbers[i])
                )
            result.hits.append(hit)
        result.hits.sort(key=lambda h: -h.score)
        if result.refer:
            result.outcome = ScreeningOutcome.REFERRED
        out.append(result)
    return out


def _suppressions(
    subjects: Sequence[Subject], numbers: list[str], candidates: list[list[Candidate]]
) -> dict[tuple[object, str, str, str], FalsePositiveSuppression]:
    """The live suppressions that may apply, in one query, by (list, entry, state, number).

    At most one row per (state, number, entry key) exists (a unique constraint), so this
    finds what ``screen``'s per-hit ``.first()`` finds.
    """
    wanted = {
        numbers[i]
        for i, s in enumerate(subjects)
        if candidates[i] and numbers[i] and s.issuing_state
    }
    if not wanted:
        return {}
    rows = FalsePositiveSuppression.objects.filter(
        document_number__in=wanted, expires_at__gt=timezone.now()
    )
    return {(r.alert_list_id, r.entry_key, r.issuing_state, r.document_number): r for r in rows}
