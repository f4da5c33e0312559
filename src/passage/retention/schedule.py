"""The retention schedule: how long each kind of record is kept, in one place.

Defaults follow the EU Entry/Exit System regulation (Regulation (EU) 2017/2226, article
34): a crossing record is kept three years after the exit (or the refusal) it belongs to;
a person whose authorised stay ended with no exit recorded is kept five years after the
end of that stay, and flagged three months before deletion; the entry and exit of a family
member of an EU citizen exercising free movement (the tie recorded on the crossing at the
counter) are kept one year after the exit. An agency changes any period with ``PASSAGE_RETENTION`` (JSON
in the environment, read by settings), for example ``{"after_exit_days": 1460}``.

Kinds follow the records as Passage holds them (issue 22). Screening results and hits,
secondary inspections, refusals and document overrides belong to a crossing and go
with it; documents, visas and permits belong to a person and go with the person's last
crossing. Passenger lists keep their own hours (``PASSAGE_PASSENGER_LIST_RETENTION``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULTS: dict[str, int] = {
    # EES article 34(1): three years after the exit record, or the refusal of entry.
    "after_exit_days": 3 * 365 + 1,
    "after_refusal_days": 3 * 365 + 1,
    # EES article 34(3): five years after the authorised stay ended with no exit; the
    # warning (article 34(4)) three months before.
    "after_stay_without_exit_days": 5 * 365 + 1,
    "warning_days": 91,
    # EES article 34(2): one year after the exit for family members of EU citizens
    # exercising free movement: the officer records the tie on the crossing (the
    # citizen's nationality and document, ``Crossing.eu_family_of``), decision 0166.
    "family_of_eu_citizen_days": 365,
    # Protection records (issue 22: "as the protection policy says"): kept while open and
    # five years after the protection officer closed them, as IOM's data protection
    # principles ask for no longer than the purpose needs; an agency sets its own.
    "protection_after_closed_days": 5 * 365 + 1,
    # Audit events: the envelope (who, what, when) is kept for good, it is the chain;
    # the payload of an event about a purged record goes with the record, and any other
    # payload (sign-ins, searches, exports) after this many days.
    "audit_payload_days": 5 * 365 + 1,
}


class Kind(models.TextChoices):
    CROSSINGS = "crossings", _("Crossings and travellers")
    DOCUMENTS = "documents", _("Travel documents, visas and permits")
    SCREENING = "screening", _("Screening results and alert hits")
    INSPECTIONS = "inspections", _("Secondary inspections and refusals")
    OVERSTAYS = "overstays", _("Overstay cases")
    PROTECTION = "protection", _("Protection records")
    PASSENGER_LISTS = "passenger_lists", _("Passenger lists")
    DOCUMENT_IMAGES = "document_images", _("Document images")
    AUDIT = "audit", _("Audit event payloads")


@dataclass(frozen=True)
class Rule:
    kind: Kind
    period: str | Promise  # how long, in words (translated on the page)
    days: int | None  # the main period in days; None: kept with another kind or not stored
    basis: str  # the legal basis or policy


def periods() -> dict[str, int]:
    """``DEFAULTS`` with the agency's overrides (``PASSAGE_RETENTION``)."""
    configured: dict[str, Any] = getattr(settings, "PASSAGE_RETENTION", None) or {}
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"PASSAGE_RETENTION: unknown period(s) {', '.join(sorted(unknown))}")
    values = {**DEFAULTS, **{k: int(v) for k, v in configured.items()}}
    bad = [k for k, v in values.items() if v < 1]
    if bad:
        raise ValueError(f"PASSAGE_RETENTION: {', '.join(bad)} must be at least one day")
    return values


def rules() -> list[Rule]:
    p = periods()
    hours = int(settings.PASSAGE_PASSENGER_LIST_RETENTION)
    ees = "EES Regulation (EU) 2017/2226, art. 34"
    return [
        Rule(
            Kind.CROSSINGS,
            _(
                "%(exit)s days after the exit or refusal; %(stay)s days after an authorised "
                "stay ended with no exit (warned %(warn)s days before); a person goes with "
                "their last crossing"
            )
            % {
                "exit": p["after_exit_days"],
                "stay": p["after_stay_without_exit_days"],
                "warn": p["warning_days"],
            }
            + " "
            + _(
                "A family member of an EU citizen (the tie recorded at the counter): "
                "%(days)s days after the exit."
            )
            % {"days": p["family_of_eu_citizen_days"]},
            p["after_exit_days"],
            ees,
        ),
        Rule(Kind.DOCUMENTS, _("with the person's last crossing"), None, ees),
        Rule(Kind.SCREENING, _("with the crossing screened; a confirmed hit holds it"), None, ees),
        Rule(
            Kind.INSPECTIONS,
            _("%(days)s days after the refusal or the crossing")
            % {"days": p["after_refusal_days"]},
            p["after_refusal_days"],
            ees,
        ),
        Rule(
            Kind.OVERSTAYS,
            _("with the entry; an open case holds it"),
            p["after_stay_without_exit_days"],
            ees,
        ),
        Rule(
            Kind.PROTECTION,
            _("%(days)s days after a protection officer closed it; open ones are kept")
            % {"days": p["protection_after_closed_days"]},
            p["protection_after_closed_days"],
            str(_("the agency's protection policy")),
        ),
        Rule(
            Kind.PASSENGER_LISTS,
            _("%(hours)s hours after the flight arrived; persons with hits are kept")
            % {"hours": hours},
            None,
            "Directive 2004/82/EC, art. 6",
        ),
        Rule(Kind.DOCUMENT_IMAGES, _("not stored: images are read and discarded"), None, ees),
        Rule(
            Kind.AUDIT,
            _(
                "with the record they are about, others after %(days)s days; who, what and "
                "when stay in the chain"
            )
            % {"days": p["audit_payload_days"]},
            p["audit_payload_days"],
            str(_("decision 0120")),
        ),
    ]


def cutoffs(as_of: dt.date) -> dict[str, dt.date]:
    """Records dated before these days are due on ``as_of``."""
    p = periods()
    return {
        "exit": as_of - dt.timedelta(days=p["after_exit_days"]),
        "refusal": as_of - dt.timedelta(days=p["after_refusal_days"]),
        "family": as_of - dt.timedelta(days=p["family_of_eu_citizen_days"]),
        "stay": as_of - dt.timedelta(days=p["after_stay_without_exit_days"]),
        "warning": as_of - dt.timedelta(days=p["after_stay_without_exit_days"] - p["warning_days"]),
        "protection": as_of - dt.timedelta(days=p["protection_after_closed_days"]),
        "audit": as_of - dt.timedelta(days=p["audit_payload_days"]),
    }
