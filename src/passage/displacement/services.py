"""Every write of displacement tracking: one transaction, one audit event.

A record is checked three ways before it is stored: against its field form
(``fieldforms.check``: types, choices, required), against the reference data (a point,
area, site or country that exists, a point the actor is assigned to), and against the
rules of ``passage.core.displacement`` (no more children than people). Page entry and
file imports use the same ``build()``, so a record is held to one rule whichever way it
comes.

    ProblemError(ValueError)   bad input; ``problems`` maps field -> message
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from passage.accounts import audit
from passage.accounts.access import acts_everywhere
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.displacement import GROUPS, VULNERABILITIES, count_problems, personal_data
from passage.core.problems import ProblemError
from passage.core.text import Text
from passage.reference.models import AdminArea, Country

from . import fieldforms
from .choices import Consent, FormKind, Source
from .models import (
    BaselineAssessment,
    FlowCount,
    FlowDay,
    FlowMonitoringPoint,
    FlowRoute,
    FlowRouteMonth,
    FlowSurvey,
    Site,
    SiteAssessment,
    Submission,
    area_prefixes,
)

MODELS: dict[str, Any] = {
    FormKind.FLOW_COUNT: FlowCount,
    FormKind.FLOW_SURVEY: FlowSurvey,
    FormKind.BASELINE: BaselineAssessment,
    FormKind.SITE: SiteAssessment,
}
PERMISSION: dict[str, str] = {
    FormKind.FLOW_COUNT: "displacement.record_flow",
    FormKind.FLOW_SURVEY: "displacement.record_flow",
    FormKind.BASELINE: "displacement.assess_sites",
    FormKind.SITE: "displacement.assess_sites",
}
SURVEY_ANSWERS = (
    "sex",
    "age_band",
    "nationality",
    "origin",
    "destination",
    "reasons",
    "intention",
    "needs",
    "remarks",
)
SUMMED = (*GROUPS, "total", *VULNERABILITIES)


@dataclass
class Reference:
    """The reference data a batch of submissions is checked against, read once."""

    actor: User
    points: dict[str, FlowMonitoringPoint] = field(default_factory=dict)
    my_points: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)
    my_prefixes: tuple[str, ...] | None = None  # None: every area
    countries: set[str] = field(default_factory=set)
    sites: dict[str, Site] = field(default_factory=dict)

    @classmethod
    def load(cls, actor: User) -> Reference:
        ref = cls(actor)
        ref.points = {p.code: p for p in FlowMonitoringPoint.objects.filter(active=True)}
        ref.my_points = set(
            FlowMonitoringPoint.objects.restrict(actor).values_list("code", flat=True)
        )
        ref.areas = set(AdminArea.objects.values_list("pcode", flat=True))
        if not acts_everywhere(actor):
            ref.my_prefixes = tuple(area_prefixes(actor))
        ref.countries = set(Country.objects.values_list("icao_code", flat=True))
        ref.sites = {s.code: s for s in Site.objects.all()}
        return ref

    def place_problem(self, code: str) -> str | None:
        if code in self.areas or code in self.countries:
            return None
        return Text(
            "unknown place {code}: neither an admin area P-code nor a country code",
            code=repr(code[:32]),
        )

    def area_in_scope(self, pcode: str) -> bool:
        return self.my_prefixes is None or pcode.startswith(self.my_prefixes)


def build(
    kind: str, raw: dict[str, str], ref: Reference, *, source: str = Source.PAGE
) -> tuple[Submission | None, dict[str, str]]:
    """An unsaved record from one submission's raw values, or the problems."""
    form = fieldforms.spec(kind)
    version = (raw.get("form_version") or "").strip()
    if version not in fieldforms.KNOWN_VERSIONS[kind]:
        return None, {
            "form_version": Text(
                "unknown form version {version} (Passage reads {known})",
                version=repr(version[:32]),
                known=", ".join(fieldforms.KNOWN_VERSIONS[kind]),
            )
        }
    values, problems = fieldforms.check(form, raw)
    if problems:
        return None, problems
    values.pop("form_version", None)
    common = {
        "form_version": version,
        "source": source,
        "recorded_by": ref.actor,
    }
    if kind in (FormKind.FLOW_COUNT, FormKind.FLOW_SURVEY):
        code = values.pop("point")
        point = ref.points.get(code)
        if point is None:
            return None, {
                "point": Text("unknown flow monitoring point {code}", code=repr(code[:32]))
            }
        if code not in ref.my_points:
            return None, {
                "point": Text("you are not assigned to flow monitoring point {code}", code=code)
            }
        common["point"] = point
    if kind == FormKind.FLOW_COUNT:
        problems = _count_problems(values, ref)
        if problems:
            return None, problems
        return FlowCount(**common, **values), {}
    if kind == FormKind.FLOW_SURVEY:
        return _survey(values, common, ref)
    if kind == FormKind.BASELINE:
        pcode = values.pop("admin_area")
        if pcode not in ref.areas:
            return None, {"admin_area": Text("unknown admin area {code}", code=repr(pcode[:32]))}
        if not ref.area_in_scope(pcode):
            return None, {
                "admin_area": Text("admin area {code} is outside your points' areas", code=pcode)
            }
        return BaselineAssessment(**common, admin_area_id=pcode, **values), {}
    code = values.pop("site")
    site = ref.sites.get(code)
    if site is None:
        return None, {"site": Text("unknown site {code}", code=repr(code[:32]))}
    if not ref.area_in_scope(site.admin_area_id):
        return None, {"site": Text("site {code} is outside your points' areas", code=code)}
    if values["households"] > values["individuals"]:
        return None, {"households": Text("more households than individuals")}
    values["protection_services"] = values["protection_services"] == "yes"
    values["managed_by"] = values["managed_by"] or ""
    return SiteAssessment(**common, site=site, **values), {}


def _count_problems(values: dict[str, Any], ref: Reference) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name in ("origin", "destination"):
        problem = ref.place_problem(values[name])
        if problem:
            problems[name] = problem
    problems.update(count_problems(values))
    return problems


def count_values(raw: dict[str, str], ref: Reference) -> tuple[dict[str, Any], dict[str, str]]:
    """A flow count's column values (``point_id``, ``form_version`` and the answers) from
    one submission, or the problems: ``build`` without a model instance, for imports of
    many thousands (the same checks, in the same order)."""
    version = (raw.get("form_version") or "").strip()
    if version not in fieldforms.KNOWN_VERSIONS[FormKind.FLOW_COUNT]:
        return {}, {
            "form_version": Text(
                "unknown form version {version} (Passage reads {known})",
                version=repr(version[:32]),
                known=", ".join(fieldforms.KNOWN_VERSIONS[FormKind.FLOW_COUNT]),
            )
        }
    values, problems = fieldforms.check(fieldforms.spec(FormKind.FLOW_COUNT), raw)
    if problems:
        return {}, problems
    values.pop("form_version", None)
    code = values.pop("point")
    if code not in ref.points:
        return {}, {"point": Text("unknown flow monitoring point {code}", code=repr(code[:32]))}
    if code not in ref.my_points:
        return {}, {
            "point": Text("you are not assigned to flow monitoring point {code}", code=code)
        }
    problems = _count_problems(values, ref)
    if problems:
        return {}, problems
    values["point_id"] = code
    values["form_version"] = version
    return values, {}


def _survey(
    values: dict[str, Any], common: dict[str, Any], ref: Reference
) -> tuple[FlowSurvey | None, dict[str, str]]:
    problems: dict[str, str] = {}
    if values["consent"] == Consent.REFUSED:
        answered = [name for name in SURVEY_ANSWERS if values.get(name)]
        if answered:
            return None, {answered[0]: Text("answered although consent was refused")}
        return FlowSurvey(**common, day=values["day"], consent=Consent.REFUSED), {}
    for name in ("sex", "age_band"):
        if not values.get(name):
            problems[name] = Text("required when consent is given")
    if values.get("nationality") and values["nationality"] not in ref.countries:
        problems["nationality"] = Text(
            "unknown country code {code}", code=repr(values["nationality"][:8])
        )
    for name in ("origin", "destination"):
        if values.get(name):
            problem = ref.place_problem(values[name])
            if problem:
                problems[name] = problem
    if problems:
        return None, problems
    remarks = values.get("remarks") or ""
    survey = FlowSurvey(
        **common,
        **{k: ("" if v is None else v) for k, v in values.items() if k not in {"remarks"}},
        remarks=remarks,
        withheld=(personal_data(remarks) or "")[:120],
    )
    return survey, {}


# json.dumps(raw, sort_keys=True, ensure_ascii=False), without making an encoder per call.
_DIGEST_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def digest(raw: dict[str, str]) -> str:
    """The submission's answers, hashed: the same id with other answers is a conflict."""
    return hashlib.sha256(_DIGEST_JSON.encode(raw).encode("utf-8")).hexdigest()


def _require(actor: User, kind: str) -> None:
    if not actor.has_perm(PERMISSION[kind]):
        raise ProblemError({"form": f"you may not record a {FormKind(kind).label}"})


@transaction.atomic
def record(actor: User, kind: str, raw: dict[str, str], submission_id: str) -> Submission:
    """Store one submission entered on a page (or sent by the API)."""
    _require(actor, kind)
    obj, problems = build(kind, raw, Reference.load(actor))
    if problems or obj is None:
        raise ProblemError(problems)
    model = MODELS[kind]
    if model.objects.filter(submission_id=submission_id).exists():
        raise ProblemError({"submission_id": "this submission is already recorded"})
    obj.submission_id = submission_id
    obj.digest = digest(raw)
    obj.save()
    if isinstance(obj, FlowCount):
        add_to_summary([obj])
    message = f"{FormKind(kind).label} recorded"
    if isinstance(obj, FlowSurvey) and obj.withheld:
        # Never the remark itself: it may hold a name.
        message += f"; remarks withheld from exports ({obj.withheld})"
    audit.record(actor, AuditAction.CREATE, obj=obj, message=message)
    return obj


# The three summaries the dashboards read (decision 0175): (table, key columns, summed
# columns). Each is kept in step with the counts in the transaction that stores them.
DAY_SUMS = ("counts", *SUMMED)
ROLLUPS: tuple[tuple[Any, tuple[str, ...], tuple[str, ...]], ...] = (
    (FlowDay, ("point_id", "day", "direction"), DAY_SUMS),
    (FlowRoute, ("point_id", "day", "origin", "destination"), ("total",)),
    (FlowRouteMonth, ("point_id", "month", "origin", "destination"), ("total",)),
)


def _attrs(c: Any) -> dict[str, Any]:
    return {
        name: getattr(c, name)
        for name in ("point_id", "day", "direction", "origin", "destination", *SUMMED)
    }


def add_to_summary(counts: Iterable[Any]) -> int:
    """Add counts (``FlowCount`` or anything with its attributes) to the summaries, in
    the caller's transaction; returns the number of counts added."""
    return add_rows_to_summary(_attrs(c) for c in counts)


def add_rows_to_summary(rows: Iterable[Mapping[str, Any]]) -> int:
    """Add counts given as column values (``point_id``, ``day`` as a date, ``direction``,
    ``origin``, ``destination`` and the summed figures) to the summaries.

    Summed in Python first, then one ``INSERT … ON CONFLICT DO UPDATE`` per summary row
    (SQLite and PostgreSQL alike): an import of 100,000 counts costs a few thousand
    statements in one ``executemany``, not a query per count."""
    days: dict[tuple[Any, ...], list[int]] = {}
    routes: dict[tuple[Any, ...], int] = defaultdict(int)
    months: dict[tuple[Any, ...], int] = defaultdict(int)
    n = 0
    width = len(DAY_SUMS)
    for r in rows:
        n += 1
        day = r["day"]
        key = (r["point_id"], day, r["direction"])
        sums = days.get(key)
        if sums is None:
            sums = days[key] = [0] * width
        sums[0] += 1
        for i, name in enumerate(SUMMED, 1):
            sums[i] += r[name]
        total = r["total"]
        routes[(r["point_id"], day, r["origin"], r["destination"])] += total
        months[(r["point_id"], day.replace(day=1), r["origin"], r["destination"])] += total
    if not n:
        return 0
    _upsert(ROLLUPS[0], [(*k, *v) for k, v in days.items()])
    _upsert(ROLLUPS[1], [(*k, v) for k, v in routes.items()])
    _upsert(ROLLUPS[2], [(*k, v) for k, v in months.items()])
    return n


def _upsert(
    rollup: tuple[Any, tuple[str, ...], tuple[str, ...]], rows: list[tuple[Any, ...]]
) -> None:
    model, keys, summed = rollup
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = (*keys, *summed)
    adapt = connection.ops.adapt_datefield_value
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(q(c) for c in keys)}) DO UPDATE SET "
        + ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in summed)
    )
    prepared = [(r[0], adapt(r[1]), *r[2:]) for r in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(prepared), 20_000):
            cursor.executemany(sql, prepared[i : i + 20_000])


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', day) AS date)"
    return "strftime('%%Y-%%m-01', day)"


@transaction.atomic
def rebuild_summary(actor: User | None) -> int:
    """Build the summaries again from every count (after a change outside the services,
    or to check them): three ``INSERT … SELECT … GROUP BY`` statements."""
    q = connection.ops.quote_name
    counts = q(FlowCount._meta.db_table)
    made = 0
    with connection.cursor() as cursor:
        for model, keys, summed in ROLLUPS:
            model.objects.all().delete()
            source = [_month_sql() if k == "month" else q(k) for k in keys]
            sums = ["COUNT(*)" if c == "counts" else f"SUM({q(c)})" for c in summed]
            cursor.execute(
                f"INSERT INTO {q(model._meta.db_table)} "  # noqa: S608 - names from the model
                f"({', '.join(q(c) for c in (*keys, *summed))}) "
                f"SELECT {', '.join(source + sums)} FROM {counts} "
                f"GROUP BY {', '.join(source)}",
                [],
            )
        made = FlowDay.objects.count()
        routes = FlowRoute.objects.count()
    audit.record(
        actor,
        AuditAction.STATISTICS_REFRESHED,
        object_type="displacement.flowday",
        details={"days": made, "routes": routes},
        message=f"displacement flow summaries rebuilt: {made} point-days, {routes} route-days",
    )
    return made


@transaction.atomic
def save_point(actor: User | None, point: FlowMonitoringPoint) -> FlowMonitoringPoint:
    """Create or change a flow monitoring point (reference data), audited."""
    existing = FlowMonitoringPoint.objects.filter(pk=point.pk).first()
    point._state.adding = existing is None  # a change, not a duplicate key
    point.full_clean()
    before = audit.snapshot(existing) if existing is not None else None
    point.save()
    audit.record(
        actor,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        obj=point,
        before=before,
        after=audit.snapshot(point),
    )
    return point


@transaction.atomic
def save_site(actor: User | None, site: Site) -> Site:
    existing = Site.objects.filter(pk=site.pk).first()
    site._state.adding = existing is None
    site.full_clean()
    before = audit.snapshot(existing) if existing is not None else None
    site.save()
    audit.record(
        actor,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        obj=site,
        before=before,
        after=audit.snapshot(site),
    )
    return site


@transaction.atomic
def assign(actor: User | None, point: FlowMonitoringPoint, users: Iterable[User]) -> None:
    """Assign enumerators to a point (in addition to those it has)."""
    users = list(users)
    point.enumerators.add(*users)
    audit.record(
        actor,
        AuditAction.UPDATE,
        obj=point,
        details={"enumerators_added": sorted(u.get_username() for u in users)},
        message=f"enumerators assigned to {point.code}",
    )
