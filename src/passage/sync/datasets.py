"""Datasets HQ publishes to posts: reference data, stay rules and alert lists.

Reference data and stay rules are versioned by the SHA-256 of their canonical export, so
a post that holds the current version gets ``current`` and nothing else; otherwise it
gets a full copy (these two are small). Alert lists are sent as deltas from the versions
a post holds, in bounded pages (``alert_deltas.py``); see ``registry.Dataset``.

At the post a dataset is applied in one transaction with one audit event
(``sync_pulled``): rows are matched by their natural keys (ICAO code, P-code, crossing
point code, refusal ground code) or, for stay rules, by HQ's id. A crossing point's
operating mode stays the post's own (a supervisor switches it there).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext_noop

from passage.accounts import audit
from passage.accounts.models import User
from passage.documents.services import apply_trust_anchor_rows, trust_anchor_rows
from passage.reference.models import AdminArea, BorderCrossingPoint, Country, RefusalGround
from passage.stay.models import StayRule

from . import corrections
from .alert_deltas import alert_lists_version, apply_alert_lists, export_alert_lists
from .registry import Dataset, Export, register_dataset


def _version(data: Any) -> str:
    return hashlib.sha256(audit.dumps(data).encode()).hexdigest()[:32]


def _export(data: Any, rows: int, held: str | None) -> Export:
    version = _version(data)
    if held == version:
        return Export(version=version, mode="current")
    return Export(version=version, mode="full", data=data, rows=rows)


# --- reference data ----------------------------------------------------------------------


def reference_data() -> dict[str, list[dict[str, Any]]]:

    return {
        "countries": _rows(
            Country.objects.order_by("icao_code").values(
                "icao_code", "iso_alpha2", "iso_alpha3", "iso_numeric", "name", "kind"
            )
        ),
        "admin_areas": _rows(
            AdminArea.objects.order_by("level", "pcode").values(
                "pcode", "name", "level", "country_id", "parent_id"
            )
        ),
        "crossing_points": [
            {**p, "latitude": _num(p["latitude"]), "longitude": _num(p["longitude"])}
            for p in BorderCrossingPoint.objects.order_by("code").values(
                "code", "name", "kind", "admin_area_id", "latitude", "longitude", "status"
            )
        ],
        "refusal_grounds": _rows(
            RefusalGround.objects.order_by("order", "code").values(
                "code", "label", "legal_basis", "legal_text", "active", "order"
            )
        ),
    }


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in queryset]


def _num(value: Any) -> str | None:
    return None if value is None else str(value)


def export_reference(held: str | None) -> Export:
    data = reference_data()
    return _export(data, sum(len(v) for v in data.values()), held)


def apply_reference(actor: User | None, export: Export) -> int:
    from decimal import Decimal

    data = export.data
    written = 0
    for row in data["countries"]:
        code = row.pop("icao_code")
        Country.objects.update_or_create(icao_code=code, defaults=row)
        written += 1
    for row in data["admin_areas"]:
        pcode = row.pop("pcode")
        AdminArea.objects.update_or_create(pcode=pcode, defaults=row)
        written += 1
    for row in data["crossing_points"]:
        code = row.pop("code")
        for name in ("latitude", "longitude"):
            row[name] = None if row[name] is None else Decimal(row[name])
        BorderCrossingPoint.objects.update_or_create(code=code, defaults=row)
        written += 1
    for row in data["refusal_grounds"]:
        code = row.pop("code")
        RefusalGround.objects.update_or_create(code=code, defaults=row)
        written += 1
    return written


# --- stay rules --------------------------------------------------------------------------


def stay_rules() -> list[dict[str, Any]]:

    rules = []
    for rule in StayRule.objects.order_by("id").prefetch_related("nationalities"):
        rules.append(
            {
                "id": str(rule.pk),
                "name": rule.name,
                "kind": rule.kind,
                "document_type": rule.document_type,
                "purpose": rule.purpose,
                "max_days": rule.max_days,
                "window_days": rule.window_days,
                "priority": rule.priority,
                "active": rule.active,
                "nationalities": sorted(c.pk for c in rule.nationalities.all()),
            }
        )
    return rules


def export_stay_rules(held: str | None) -> Export:
    data = stay_rules()
    return _export(data, len(data), held)


def apply_stay_rules(actor: User | None, export: Export) -> int:
    """HQ's rules replace the post's: rules HQ no longer has are deactivated here."""

    seen = []
    for row in export.data:
        row = dict(row)
        nationalities = row.pop("nationalities")
        pk = row.pop("id")
        rule, _ = StayRule.objects.update_or_create(pk=pk, defaults=row)
        rule.nationalities.set(nationalities)
        seen.append(pk)
    StayRule.objects.exclude(pk__in=seen).update(active=False)
    return len(seen)


REFERENCE = register_dataset(
    Dataset(
        name="reference",
        label=gettext_noop(
            "Reference data (countries, admin areas, crossing points, refusal grounds)"
        ),
        title=gettext_noop("Reference data"),
        version=lambda: _version(reference_data()),
        export=export_reference,
        apply=apply_reference,
    )
)
STAY_RULES = register_dataset(
    Dataset(
        name="stay_rules",
        label=gettext_noop("Stay rules"),
        title=gettext_noop("Stay rules"),
        version=lambda: _version(stay_rules()),
        export=export_stay_rules,
        apply=apply_stay_rules,
    )
)


# --- alert lists (alerts app): alert_deltas.py ----------------------------------------------

ALERT_LISTS = register_dataset(
    Dataset(
        name="alert_lists",
        label=gettext_noop("Alert lists (versions and entries, sent as deltas)"),
        title=gettext_noop("Alert lists"),
        version=alert_lists_version,
        export=export_alert_lists,
        apply=apply_alert_lists,
    )
)


# --- chip trust anchors (documents app) -----------------------------------------------------


def export_chip_trust(held: str | None) -> Export:
    data = trust_anchor_rows()
    return _export(data, len(data), held)


def apply_chip_trust(actor: User | None, export: Export) -> int:
    """HQ's CSCAs and CRLs join the post's; anchors are never withdrawn by a pull."""
    return apply_trust_anchor_rows(actor, export.data)


def _chip_trust_version() -> str:
    return _version(trust_anchor_rows())


CHIP_TRUST = register_dataset(
    Dataset(
        name="chip_trust",
        label=gettext_noop("e-Passport trust anchors (CSCA certificates and CRLs)"),
        title=gettext_noop("e-Passport trust anchors"),
        version=_chip_trust_version,
        export=export_chip_trust,
        apply=apply_chip_trust,
    )
)


# --- corrections of travellers (travellers app): corrections.py ------------------------------

TRAVELLER_CORRECTIONS = register_dataset(
    Dataset(
        name="traveller_corrections",
        label=gettext_noop("Corrections of travellers made or merged at headquarters"),
        title=gettext_noop("Traveller corrections"),
        version=corrections.version,
        export=corrections.export,
        apply=corrections.apply,
        per_node=True,
    )
)
