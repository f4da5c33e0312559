"""A person's own file: everything Passage holds on one traveller, as plain values.

``person_file()`` returns a JSON-ready mapping (the machine-readable answer, and what the
page and the PDF draw). Labels are in the active language; every coded value keeps its
code beside its label, so a program reading the JSON never depends on the language.

What is withheld, and said to be (docs/subject-access.md):

- alert lists: that a check was made, when, and its outcome; never which list, which entry,
  why the person is listed, what matched or the reviewer's reasons (the law that keeps an
  alert secret outlives the person's right of access to it);
- protection records: only their number, until a protection officer releases them for
  this request (``ProtectionRelease``);
- audit events of alert and protection records: when and by whom, never their message.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passage.accounts.models import AuditEvent
from passage.alerts.models import ScreeningHit, ScreeningResult
from passage.crossings.models import Amendment, Crossing, decision_label
from passage.passengers.models import ListedPerson
from passage.protection.models import Assessment, HouseholdMember, Referral
from passage.stay.assessment import assess
from passage.stay.models import OverstayCase, Permit, Visa
from passage.travellers.models import TravelDocument, Traveller, TravellerCorrection

from .models import ProtectionRelease, SubjectRequest

FORMAT = "passage-subject-access/1"

# The audit actions a person's records meet, said in the file's language (the audit log's
# own labels are English).
ACTION_LABELS = {
    "create": gettext_lazy("created"),
    "update": gettext_lazy("changed"),
    "delete": gettext_lazy("deleted"),
    "read": gettext_lazy("read personal data"),
    "export": gettext_lazy("exported personal data"),
    "decide": gettext_lazy("decided"),
    "amend": gettext_lazy("amended"),
    "correct": gettext_lazy("amended"),
    "access_denied": gettext_lazy("access denied"),
}

# Audit events of these records say when and by whom, not what (see the module docstring).
_SILENT_TYPES = ("alerts.", "protection.")


def _date(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _coded(code: str, label: Any) -> dict[str, str]:
    return {"code": code, "label": str(label)}


def _display(obj: Any, name: str) -> dict[str, str]:
    code = getattr(obj, name)
    return _coded(code, getattr(obj, f"get_{name}_display")() if code else "")


def _person(t: Traveller) -> dict[str, Any]:
    return {
        "id": str(t.pk),
        "surname": t.primary_name,
        "given_names": t.secondary_name,
        "surname_own_script": t.native_primary_name,
        "given_names_own_script": t.native_secondary_name,
        "sex": _display(t, "sex"),
        "birth_date": t.birth_date_display,
        "nationality": t.nationality_id or "",
        "recorded_at": _date(t.created_at),
        # Corrections of the person's own fields (at a counter, by HQ, or a granted
        # rectification): what it said before, what it says now, who and why.
        "amendments": [
            {
                "at": _date(c.created_at),
                "changes": {name: [f["base"], f["value"]] for name, f in c.changes.items()},
                "reason": c.reason,
                "by": c.created_by.get_username() if c.created_by else "",
            }
            for c in TravellerCorrection.objects.filter(traveller=t)
            .select_related("created_by")
            .order_by("created_at")
        ],
    }


def _documents(t: Traveller) -> list[dict[str, Any]]:
    return [
        {
            "id": str(d.pk),
            "type": _display(d, "document_type"),
            "issuing_state": d.issuing_state_id or "",
            "number": d.number,
            "expiry_date": _date(d.expiry_date),
            "issue_date": _date(d.issue_date),
            "mrz": d.mrz,
            "recorded_at": _date(d.created_at),
        }
        for d in TravelDocument.objects.filter(traveller=t).order_by("created_at")
    ]


def _grounds(grounds: Any) -> list[dict[str, str]]:
    return [
        {"code": g.code, "label": g.label, "legal_basis": g.legal_basis}
        for g in sorted(grounds, key=lambda g: (g.order, g.code))
    ]


def _screening(crossing: Crossing) -> dict[str, Any] | None:
    result: ScreeningResult | None = getattr(crossing, "screening", None)
    hits = list(crossing.alert_hits.all())
    if result is None and not hits:
        return None
    return {
        "checked_at": _date(result.created_at) if result else None,
        "outcome": _display(result, "outcome") if result else None,
        # A hit is said with its review's outcome and date: never the list, the entry,
        # the score or what matched (withheld by law, see the module docstring).
        "possible_matches": [
            {"status": _display(h, "status"), "reviewed_at": _date(h.decided_at)} for h in hits
        ],
    }


def _withheld() -> str:
    return _("Withheld: it tells of an alert-list check.")


def _crossing(c: Crossing) -> dict[str, Any]:
    effective = c.get_effective_decision()
    inspection = getattr(c, "inspection", None)
    # An inspection that screening asked for says which list and why in its reason and
    # may in its notes: withheld, as the alert is (the module docstring).
    alerted = bool(c.alert_hits.all())
    override = getattr(c, "document_override", None)
    return {
        "id": str(c.pk),
        "at": _date(c.at),
        "direction": _display(c, "direction"),
        "crossing_point": {"code": c.crossing_point.code, "name": c.crossing_point.name},
        "document": str(c.document_id) if c.document_id else None,
        "purpose": _display(c, "purpose"),
        "transport_mode": _display(c, "transport_mode"),
        "carrier": c.carrier,
        "transport_reference": c.transport_reference,
        "decision": _coded(c.decision, decision_label(c.direction, c.decision)),
        "effective_decision": _coded(effective, decision_label(c.direction, effective)),
        "refusal_grounds": _grounds(c.refusal_grounds.all()),
        "authorised_until": _date(c.authorised_until),
        "notes": c.notes,
        "minimal_record": c.minimal,
        "amendments": [
            {
                "at": _date(a.at),
                "kind": _display(a, "kind"),
                "changes": a.changes,
                "reason": a.reason,
                "by": a.author.get_username(),
            }
            for a in c.amendments.all()
        ],
        "secondary_inspection": None
        if inspection is None
        else {
            "reason": _withheld() if alerted else inspection.reason,
            "status": _display(inspection, "status"),
            "outcome": _coded(
                inspection.outcome,
                decision_label(c.direction, inspection.outcome) if inspection.outcome else "",
            ),
            "grounds": _grounds(inspection.outcome_grounds.all()),
            "authorised_until": _date(inspection.authorised_until),
            "notes": _withheld() if alerted and inspection.notes else inspection.notes,
            "decided_at": _date(inspection.decided_at),
        },
        "document_checked_by_hand": None
        if override is None
        else {"reason": override.reason, "review": _display(override, "status")},
        "screening": _screening(c),
    }


def _crossings(t: Traveller) -> list[Crossing]:
    return list(
        Crossing.objects.filter(traveller=t)
        .with_effective_decision()
        .select_related("crossing_point", "inspection", "document_override", "screening")
        .prefetch_related(
            "refusal_grounds",
            "inspection__outcome_grounds",
            Prefetch("amendments", queryset=Amendment.objects.select_related("author")),
            Prefetch("alert_hits", queryset=ScreeningHit.objects.order_by("created_at")),
        )
        .order_by("at")
    )


def _stay(t: Traveller, crossings: list[Crossing]) -> dict[str, Any]:
    """The stay calculation as the counter would make it today, and its inputs."""
    last = next((c for c in reversed(crossings) if c.document_id), None)
    document = None
    if last is not None and last.document_id is not None:
        document = TravelDocument.objects.filter(pk=last.document_id).first()
    assessment, rule = assess(
        direction="entry",
        traveller_id=t.pk,
        nationality=t.nationality_id or "",
        document_type=document.document_type if document else "",
        document_code=document.document_code if document else "",
        purpose=last.purpose if last else "",
    )
    return {
        "as_of": _date(assessment.on),
        "rule": rule.name if rule else None,
        "outcome": str(assessment.outcome.value),
        "days_used": assessment.days_used,
        "days_remaining": assessment.days_remaining,
        "authorised_until": None
        if assessment.authorised_until in (None, dt.date.max)
        else _date(assessment.authorised_until),
        "visas": [
            {
                "number": v.number,
                "valid_from": _date(v.valid_from),
                "valid_until": _date(v.valid_until),
            }
            for v in Visa.objects.filter(traveller=t).order_by("valid_from")
        ],
        "permits": [
            {
                "kind": _display(p, "kind"),
                "number": p.number,
                "valid_from": _date(p.valid_from),
                "valid_until": _date(p.valid_until),
            }
            for p in Permit.objects.filter(traveller=t).order_by("valid_from")
        ],
    }


def _overstays(t: Traveller) -> list[dict[str, Any]]:
    return [
        {
            "entry": str(case.entry_id),
            "authorised_until": _date(case.authorised_until),
            "detected_at": _date(case.detected_at),
            "status": _display(case, "status"),
            "review_note": case.review_note,
            "reviewed_at": _date(case.reviewed_at),
            "days_over": case.days_over,
        }
        for case in OverstayCase.objects.filter(entry__traveller=t).order_by("detected_at")
    ]


def _passenger_lists(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lists naming one of the person's documents (carriers send no traveller id)."""
    keys = [(d["issuing_state"], d["number"]) for d in documents if d["number"]]
    if not keys:
        return []
    numbers = {number for _, number in keys}
    rows = (
        ListedPerson.objects.filter(document_number__in=numbers)
        .select_related("passenger_list")
        .order_by("passenger_list__flight_date")
    )
    return [
        {
            "flight": p.passenger_list.flight_number,
            "flight_date": _date(p.passenger_list.flight_date),
            "from": p.passenger_list.departure_port,
            "to": p.passenger_list.arrival_port,
            "role": p.role,
            "received_at": _date(p.passenger_list.received_at),
            "as_listed": {
                "surname": p.surname,
                "given_names": p.given_names,
                "birth_date": _date(p.birth_date),
                "document_number": p.document_number,
                "seat": p.seat,
            },
            # Screened on arrival: the outcome only, as for crossings.
            "screened": bool(p.screening_outcome),
            "possible_matches": len(p.hits),
        }
        for p in rows
        if (p.issuing_state, p.document_number) in keys
    ]


def with_protection_records(requests: Any) -> Any:
    """The requests about a person whom protection records name, filtered by the
    database: an assessment (a referral always has one) or a household membership."""
    return requests.filter(
        Q(traveller__in=Assessment.objects.filter(traveller__isnull=False).values("traveller"))
        | Q(
            traveller__in=HouseholdMember.objects.filter(traveller__isnull=False).values(
                "traveller"
            )
        )
    )


def protection_count(traveller: Traveller) -> int:
    """How many protection records name the person (counted, never shown, until released)."""
    return (
        Assessment.objects.filter(traveller=traveller).count()
        + Referral.objects.filter(assessment__traveller=traveller).count()
        + HouseholdMember.objects.filter(traveller=traveller).count()
    )


def _protection(t: Traveller, request: SubjectRequest | None) -> dict[str, Any]:
    count = protection_count(t)
    release = (
        ProtectionRelease.objects.filter(request=request).select_related("by").first()
        if request is not None
        else None
    )
    if count == 0:
        return {"status": "none", "count": 0, "records": []}
    if release is None:
        return {
            "status": "withheld_pending_release",
            "count": count,
            "message": _(
                "Protection records about this person exist. They are withheld until a "
                "protection officer releases them for this request."
            ),
            "records": [],
        }
    if not release.released:
        return {
            "status": "withheld_by_protection_officer",
            "count": count,
            "message": _("A protection officer withheld the protection records: %(note)s")
            % {"note": release.note},
            "released_by": release.by.get_username(),
            "records": [],
        }
    records: list[dict[str, Any]] = []
    for a in (
        Assessment.objects.filter(traveller=t)
        .prefetch_related("indicators", "referrals__service")
        .order_by("created_at")
    ):
        records.append(
            {
                "kind": "assessment",
                "at": _date(a.created_at),
                "crossing_point": str(a.crossing_point),
                "indicators": [f"{i.code} {i.shown_label}".strip() for i in a.indicators.all()],
                "note": a.note,
                "status": _display(a, "status"),
                "referrals": [
                    {
                        "service": str(r.service),
                        "status": _display(r, "status"),
                        "consent": _display(r, "consent"),
                        "at": _date(r.created_at),
                    }
                    for r in a.referrals.all()
                ],
            }
        )
    for m in HouseholdMember.objects.filter(traveller=t).select_related("household"):
        records.append({"kind": "household_member", "household": str(m.household_id)})
    return {
        "status": "released",
        "count": count,
        "released_by": release.by.get_username(),
        "released_at": _date(release.at),
        "note": release.note,
        "records": records,
    }


def _audit(ids: set[str], silent: set[str], show_protection: bool) -> list[dict[str, Any]]:
    """Who read or changed the person's records, when, and why (the events' messages);
    the messages of alert and protection records, and of records in ``silent``, withheld."""
    rows = (
        AuditEvent.objects.filter(object_id__in=ids)
        .order_by("seq")
        .values_list("seq", "at", "actor_name", "action", "object_type", "object_id", "message")
    )
    labels: dict[str, str] = {}
    out = []
    for seq, at, actor_name, action, object_type, object_id, message in rows:
        if object_type.startswith("protection.") and not show_protection:
            continue
        if action not in labels:
            label = ACTION_LABELS.get(action)
            labels[action] = str(label) if label else AuditEvent(action=action).get_action_display()
        withheld = object_type.startswith(_SILENT_TYPES) or object_id in silent
        out.append(
            {
                "seq": seq,
                "at": _date(at),
                "who": actor_name or _("the system"),
                "action": _coded(action, labels[action]),
                "record": object_type,
                "why": _withheld() if withheld and message else message,
            }
        )
    return out


def _requests(t: Traveller) -> list[dict[str, Any]]:
    return [
        {
            "id": str(r.pk),
            "kind": _display(r, "kind"),
            "received_on": _date(r.received_on),
            "due_on": _date(r.due_on),
            "status": _display(r, "status"),
            "changes_asked": r.changes,
            "outcome": _display(r, "outcome"),
            "decision_reason": r.decision_reason,
            "decided_on": _date(r.decided_on),
            "answered_on": _date(r.answered_on),
        }
        for r in SubjectRequest.objects.filter(traveller=t).order_by("received_on", "created_at")
    ]


def person_file(traveller: Traveller, request: SubjectRequest | None = None) -> dict[str, Any]:
    """Everything held on ``traveller`` (see the module docstring for what is withheld).

    The caller audits the read (``services.assemble_file`` does)."""
    crossings = _crossings(traveller)
    documents = _documents(traveller)
    protection = _protection(traveller, request)
    ids = {str(traveller.pk)} | {d["id"] for d in documents}
    silent: set[str] = set()
    for c in crossings:
        ids.add(str(c.pk))
        if c.alert_hits.all() and getattr(c, "inspection", None) is not None:
            silent.add(str(c.inspection.pk))
        for related in ("inspection", "document_override", "screening"):
            obj = getattr(c, related, None)
            if obj is not None:
                ids.add(str(obj.pk))
        ids.update(str(h.pk) for h in c.alert_hits.all())
    ids.update(
        str(pk)
        for pk in OverstayCase.objects.filter(entry__traveller=traveller).values_list(
            "pk", flat=True
        )
    )
    ids.update(
        str(pk)
        for pk in SubjectRequest.objects.filter(traveller=traveller).values_list("pk", flat=True)
    )
    if protection["status"] == "released":
        ids.update(
            str(pk)
            for pk in Assessment.objects.filter(traveller=traveller).values_list("pk", flat=True)
        )
        ids.update(
            str(pk)
            for pk in Referral.objects.filter(assessment__traveller=traveller).values_list(
                "pk", flat=True
            )
        )
    return {
        "format": FORMAT,
        "generated_at": _date(timezone.now()),
        "request": None
        if request is None
        else {
            "id": str(request.pk),
            "kind": _display(request, "kind"),
            "received_on": _date(request.received_on),
            "due_on": _date(request.due_on),
        },
        "person": _person(traveller),
        "documents": documents,
        "crossings": [_crossing(c) for c in crossings],
        "stay": _stay(traveller, crossings),
        "overstay_cases": _overstays(traveller),
        "passenger_lists": _passenger_lists(documents),
        "protection": protection,
        "requests": _requests(traveller),
        "audit": _audit(ids, silent, protection["status"] == "released"),
        "withheld": [
            _(
                "Alert-list checks are shown with their date and outcome only; the lists, "
                "their entries and the reasons for them are withheld as the law requires."
            ),
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    """The file as JSON (UTF-8 text, non-Latin names as they are)."""
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


def no_such_person(lookup: dict[str, Any], request: SubjectRequest | None) -> dict[str, Any]:
    """The answer when Passage holds nobody by the description given."""
    return {
        "format": FORMAT,
        "generated_at": _date(timezone.now()),
        "request": None if request is None else {"id": str(request.pk)},
        "lookup": lookup,
        "person": None,
        "message": _("Passage holds no record of a person by this description."),
    }
