"""Screening at the counter: every crossing, against every active list version.

``crossings.services.record_crossing`` calls :func:`screen_crossing` before it decides,
and :meth:`Screening.record` once the crossing exists, in the same transaction. A hit at
or above the threshold that no suppression covers turns an admission into a referral to
secondary inspection. What the officer is told (:attr:`Screening.officer_message`)
names only the action and the list; the explanation is for the supervisor.

Each request checks which versions are active with one query; a worker maps a
version's index the first time it meets it (:mod:`.indexes`).

There is one path: :func:`screen_many` screens a passenger list's persons at once, and
:func:`screen` is ``screen_many([subject])[0]``, so the counter and a list cannot drift.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from passage.core.screening import make_query, normalise_document_number, ocr_key, parse_birth_date
from passage.core.screening.batch import screen_many as screen_names
from passage.core.screening.scoring import DOCUMENT_OCR_FLOOR
from passage.crossings.choices import Decision
from passage.crossings.referrals import LINKED_HIT, list_referral, localized_line
from passage.travellers.queries import recognise
from passage.travellers.same_person import same_person

from . import conf, indexes
from .choices import (
    STOPPING_ACTIONS,
    AlertAction,
    HitKind,
    HitStatus,
    ListStatus,
    ScreeningOutcome,
)
from .models import (
    AlertEntry,
    AlertList,
    FalsePositiveSuppression,
    ScreeningHit,
    ScreeningResult,
)

log = logging.getLogger(__name__)
# (list, entry id, hit kind, score, explanation) before the entries are read
Candidate = tuple[AlertList, str, str, float, dict[str, Any]]
# A document number one OCR confusion away is strong evidence: above the fitted default
# threshold whatever it is (core.screening.scoring.DOCUMENT_OCR_FLOOR), never below 0.9.
OCR_VARIANT_SCORE = max(0.9, DOCUMENT_OCR_FLOOR)
# A list's names are screened by this many processes, forked with the indexes mapped
# (a post's two cores; decision 0196), where the process has no other thread (the file
# drop); in a threaded server, by as many threads. One traveller never forks.
PROCESSES = WORKERS = min(2, os.cpu_count() or 1)


@dataclass
class Subject:
    """The traveller as screened: names in any script, partial birth date, document."""

    names: list[str]
    birth_date: str | None = None
    nationality: str = ""
    issuing_state: str = ""
    document_number: str = ""


@dataclass
class FoundHit:
    entry: AlertEntry
    version: Any
    kind: str
    score: float
    explanation: dict[str, Any]
    suppression: FalsePositiveSuppression | None = None

    @property
    def action(self) -> str:
        return self.entry.effective_action


@dataclass
class Screening:
    outcome: str
    lists: list[dict[str, Any]] = field(default_factory=list)
    hits: list[FoundHit] = field(default_factory=list)
    documents_only: bool = False
    message: str = ""
    # Names screened with no birth date to compare: a name many listed people share was
    # priced as common and may have raised no hit (the counter says so; decision 0270).
    names_only: bool = False

    @property
    def refer(self) -> bool:
        return any(h.suppression is None for h in self.hits)

    @property
    def raised(self) -> list[FoundHit]:
        return [h for h in self.hits if h.suppression is None]

    @property
    def stops(self) -> bool:
        """Whether a raised hit's list asks to keep the traveller out (refuse entry,
        arrest), which the counter shows in red; other hits in amber (decision 0251)."""
        return any(h.action in STOPPING_ACTIONS for h in self.raised)

    @property
    def referral(self) -> str:
        """The referral as stored with the crossing, in English (``crossings.referrals``):
        the action and the list, never who or why."""
        return list_referral(
            (AlertAction(h.action).label, h.entry.alert_list.name) for h in self.raised
        )

    @property
    def officer_message(self) -> str:
        """What the counter may know, in the officer's language: the action and the list,
        as markup for the counter's page (each list's name in a ``<bdi>``)."""
        return localized_line(self.referral, html=True)

    @property
    def counter_warning(self) -> str:
        """What the officer must be told after recording: a referral or a failure."""
        if self.refer:
            return localized_line(self.referral)
        if self.outcome == ScreeningOutcome.UNAVAILABLE:
            return self.message
        return ""

    def record(self, crossing: Any) -> dict[str, Any]:
        """Store the result and its hits for ``crossing``; returns a summary for the audit."""
        ScreeningResult.objects.create(
            crossing=crossing,
            outcome=self.outcome,
            lists=self.lists,
            documents_only=self.documents_only,
            names_only=self.names_only,
            message=self.referral if self.refer else self.message,
        )
        ids = []
        for h in self.hits:
            hit = ScreeningHit.objects.create(
                crossing=crossing,
                entry=h.entry,
                list_version=h.version,
                kind=h.kind,
                score=round(h.score, 4),
                explanation=h.explanation,
                action=h.action,
                status=HitStatus.SUPPRESSED if h.suppression else HitStatus.PENDING,
                suppression=h.suppression,
            )
            ids.append(str(hit.pk))
        return {"outcome": self.outcome, "lists": self.lists, "hits": ids}


_active: tuple[tuple[Any, ...], list[AlertList]] = ((), [])
_ACTIVE_SQL = (
    "SELECT id, active_version_id, name, default_action, valid_from, valid_until"
    " FROM alerts_alertlist WHERE status = %s AND active_version_id IS NOT NULL ORDER BY name"
)


def active_versions() -> list[AlertList]:
    """Lists screened now, with their active version.

    The check runs on every screening, so it is one plain SQL query (no ORM compilation);
    the list objects are reloaded only when a list's version, name, action or validity
    changed (decision 0012).
    """
    global _active
    with connection.cursor() as cursor:
        cursor.execute(_ACTIVE_SQL, [ListStatus.ACTIVE])
        key = tuple(tuple(row) for row in cursor.fetchall())
    if not key:
        _active = ((), [])
        return []
    if key != _active[0]:
        lists = list(
            AlertList.objects.filter(status=ListStatus.ACTIVE, active_version__isnull=False)
            .select_related("active_version")
            .order_by("name")
        )
        _active = (key, lists)
    today = timezone.localdate()
    return [al for al in _active[1] if al.in_force(today)]


def _merge(found: dict[uuid.UUID, FoundHit], hit: FoundHit) -> None:
    current = found.get(hit.entry.pk)
    if current is None or hit.score > current.score:
        if current is not None:
            hit.explanation = {**current.explanation, **hit.explanation}
        found[hit.entry.pk] = hit


def _document_hits(
    al: AlertList, index: indexes.LoadedIndex, state: str, number: str
) -> list[Candidate]:
    """Listed documents with this number, or one OCR confuses with it (see :mod:`.indexes`)."""
    assert index.docs is not None and index.docs_ocr is not None
    found: dict[int, tuple[str, str, str]] = {}
    for d in index.docs.lookup(state, number):
        if d.kind == "exact":
            found[d.ref] = ("exact", d.state, d.number)
    for d in index.docs_ocr.lookup(state, ocr_key(number)):
        if d.kind == "exact" and d.ref not in found:
            found[d.ref] = ("ocr_variant", d.state, d.number)
    threshold = conf.threshold()
    out: list[Candidate] = []
    for ref, (kind, doc_state, _listed) in found.items():
        score = 1.0 if kind == "exact" else OCR_VARIANT_SCORE
        if score < threshold:
            continue
        summary = (
            _("Document %(state)s %(number)s is listed")
            if kind == "exact"
            else _(
                "Document %(state)s %(number)s differs from a listed one only by characters OCR confuses"
            )
        ) % {"state": doc_state, "number": number}
        explanation = {"summary": summary, "document": {"evidence": kind, "read": number}}
        out.append((al, str(index.doc_entry(ref)), HitKind.DOCUMENT, score, explanation))
    return out


def screen(subject: Subject) -> Screening:
    """Screen one traveller against every active list version: :func:`screen_many` of
    one, so the counter and a passenger list go through the same code."""
    return screen_many([subject])[0]


def screen_many(subjects: Sequence[Subject]) -> list[Screening]:
    """Screen every subject against every active list version; one result per subject.

    The work that does not depend on the traveller is done once: one active-list
    lookup, each version's index mapped once, the names through the engine's batch entry
    point (:func:`passage.core.screening.batch.screen_many`, in :data:`PROCESSES`
    processes or :data:`WORKERS` threads), one query for every listed entry any subject
    reached and one for the false-positive suppressions of every document asked about.
    """
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
    by_name = False  # a list of persons was screened by name (not documents only)
    try:
        for al in lists:
            version = al.active_version
            assert version is not None
            index = indexes.loaded(version)
            screened.append({"list": al.name, "version": str(version.pk), "number": version.number})
            if index.names is not None:
                by_name = True
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
                found_names = screen_names(
                    index.names, queries, threshold, workers=WORKERS, processes=PROCESSES
                )
                for i, hits in zip(asked, found_names, strict=True):
                    candidates[i].extend(
                        (al, h.entry_id.split("#")[0], HitKind.NAME, h.score, h.explanation)
                        for h in hits
                    )
            if index.docs is not None:
                for i, s in enumerate(subjects):
                    if numbers[i] and s.issuing_state:
                        candidates[i].extend(_document_hits(al, index, s.issuing_state, numbers[i]))
    except Exception as exc:  # a broken index must not stop the counter or the list
        log.exception("screening failed")
        message = _("Screening failed (%(error)s): check the traveller by other means.") % {
            "error": exc.__class__.__name__
        }
        return [
            Screening(ScreeningOutcome.UNAVAILABLE, lists=list(screened), message=message)
            for _s in subjects
        ]
    wanted = {uuid.UUID(c[1]) for found in candidates for c in found}
    entries = AlertEntry.objects.select_related("alert_list").in_bulk(wanted) if wanted else {}
    suppressions = _suppressions(subjects, numbers, candidates)
    today = timezone.localdate()
    out = []
    for i, s in enumerate(subjects):
        result = Screening(
            ScreeningOutcome.CLEAR,
            lists=list(screened),
            documents_only=not names[i],
            names_only=by_name and bool(names[i]) and not s.birth_date,
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

    Nothing stops two live rows for one key (two hits dismissed for the same document):
    the rows are read newest first, so the one kept is the oldest, as ``.first()`` found
    when each hit asked on its own.
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
    ).order_by("-pk")
    return {(r.alert_list_id, r.entry_key, r.issuing_state, r.document_number): r for r in rows}


def subject_of(identity: Any) -> Subject:
    """A :class:`Subject` from a ``travellers.services.Identity``."""
    latin = " ".join(p for p in (identity.secondary_name, identity.primary_name) if p)
    native = " ".join(
        p for p in (identity.native_secondary_name, identity.native_primary_name) if p
    )
    birth = None
    if identity.birth_year:
        birth = f"{identity.birth_year:04d}"
        if identity.birth_month:
            birth += f"-{identity.birth_month:02d}"
            if identity.birth_day:
                birth += f"-{identity.birth_day:02d}"
    return Subject(
        names=[n for n in (latin, native) if n],
        birth_date=birth,
        nationality=identity.nationality or "",
        issuing_state=identity.issuing_state or identity.nationality or "",
        document_number=identity.number or "",
    )


def screen_crossing(data: Any) -> tuple[Any, Screening]:
    """Screen a crossing about to be recorded (``crossings.services.CrossingInput``).

    Returns the input, changed to a referral to secondary inspection when a hit is
    raised on an admission, and the screening to :meth:`Screening.record`.
    """

    result = screen(subject_of(data.identity))
    message = result.referral if result.refer else ""
    if not message and _linked_to_a_hit(data):
        # Issue 20: a hit on a record a supervisor confirmed is the same person counts
        # here as a hit on this one (its details stay with the supervisors).
        message = LINKED_HIT_REASON
    if message and data.decision == Decision.ADMITTED:
        reason = "\n".join(r for r in (data.secondary_reason.strip(), message) if r)
        data = replace(
            data, decision=Decision.SECONDARY, authorised_until=None, secondary_reason=reason
        )
    elif message and data.decision == Decision.SECONDARY:
        reason = "\n".join(r for r in (data.secondary_reason.strip(), message) if r)
        data = replace(data, secondary_reason=reason)
    return data, result


LINKED_HIT_REASON = LINKED_HIT


def _linked_to_a_hit(data: Any) -> bool:
    """Whether the traveller this crossing will be recorded for (known by the document,
    else by the traveller the officer chose) is confirmed to be one person with a record
    that has an alert hit."""
    identity = data.identity
    document = recognise(identity.issuing_state or "", identity.number or "")
    traveller_id = document.traveller_id if document is not None else data.traveller_id
    return bool(traveller_id) and linked_hits(traveller_id).exists()


def preview(form_data: dict[str, Any]) -> dict[str, Any]:
    """The counter's screening panel for what is typed so far (nothing is stored)."""
    native = " ".join(
        form_data.get(k, "").strip() for k in ("native_secondary_name", "native_primary_name")
    ).strip()
    latin = " ".join(
        form_data.get(k, "").strip().upper() for k in ("secondary_name", "primary_name")
    ).strip()
    birth = (form_data.get("birth_date") or "").strip() or None

    try:
        parse_birth_date(birth)
    except ValueError:
        birth = None
    subject = Subject(
        names=[n for n in (latin, native) if n],
        birth_date=birth,
        nationality=(form_data.get("nationality") or "").strip().upper(),
        issuing_state=(form_data.get("issuing_state") or form_data.get("nationality") or "")
        .strip()
        .upper(),
        document_number=(form_data.get("number") or "").strip(),
    )
    if not subject.names and not subject.document_number:
        return {}
    result = screen(subject)
    if (form_data.get("birth_date") or "").strip():
        # A date typed that does not read is not "no date given": the form names the
        # field's error when the crossing is recorded.
        result.names_only = False
    return {"screening": result}


def pending_hits(crossing_id: Any) -> int:
    """Hits on a crossing still waiting for a supervisor's verdict."""
    return ScreeningHit.objects.filter(crossing_id=crossing_id, status=HitStatus.PENDING).count()


def hits_to_review(inspection: Any) -> dict[str, str]:
    """A supervisor decides an inspection only after every hit has a verdict
    (``crossings.checks``)."""
    if pending_hits(inspection.crossing_id):
        return {"alerts": "review the alert hits first: true match or false positive"}
    return {}


def counter_panel(form_data: dict[str, Any], traveller: Any) -> dict[str, Any]:
    """The counter page's screening panel (``crossings.checks``), and whether the
    recognised traveller is confirmed to be one person with a record that has an alert
    hit (the hit's details stay with the supervisors who review hits)."""
    panel = preview(form_data)
    if traveller is not None and linked_hits(traveller.pk).exists():
        panel["linked_alert_hit"] = True
    return panel


def linked_hits(traveller_id: Any) -> QuerySet[ScreeningHit]:
    """Alert hits on the crossings of the other travellers confirmed to be the same person
    as ``traveller_id`` (``travellers.same_person``: identity links a supervisor
    confirmed), false positives left out. No permission: callers restrict or hold one."""
    others = same_person(traveller_id) - {traveller_id}
    if not others:
        return ScreeningHit.objects.none()
    return ScreeningHit.objects.filter(crossing__traveller_id__in=others).exclude(
        status__in=(HitStatus.FALSE_POSITIVE, HitStatus.SUPPRESSED)
    )
