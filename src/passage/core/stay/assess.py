"""Assessments at the counter: may this traveller enter, and did they overstay at exit.

:func:`assess_entry` and :func:`assess_exit` combine exemptions, permits, a visa and any
number of stay rules into one :class:`~passage.core.stay.model.Assessment`; the tightest
limit decides, and the assessment names it. A calculator's answer is a suggestion: an
officer confirms any decision about a person (GDPR Art. 22).

Order of evaluation, the first that applies deciding:

1. exemptions (:func:`exemption`): own nationals, residents, diplomatic passports,
   configured nationalities and document types → ``exempt``;
2. at entry, a residence or work permit valid on the day → ``authorised`` until the end
   of the permits that follow one another without a gap (Regulation (EU) 2016/399
   Art. 6(2): days under a permit do not count against short-stay rules);
3. a partial or inconsistent history → ``cannot_tell`` with every reason;
4. at entry, the visa: missing when required, not valid on the day, entries used up
   (Regulation (EC) No 810/2009 Art. 24(1)) → ``refused``;
5. the rules and the visa's validity and days of stay: the earliest last day decides;
   none → ``refused`` at entry, and at exit the days of the stay after it are overstay
   days → ``overstayed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..text import Text
from .calc import rolling_last_day
from .errors import InvalidDocumentError, InvalidRuleError, InvalidStayError, OverlappingStaysError
from .model import (
    Assessment,
    Decision,
    ExemptionPolicy,
    History,
    MaxStayRule,
    Outcome,
    Permit,
    RollingWindowRule,
    Rule,
    Stay,
    Traveller,
    Visa,
)
from .presence import MAX_ORDINAL, Presence, intervals, ordered, subtract

__all__ = ["assess_entry", "assess_exit", "exemption"]

UNLIMITED = Decision("unlimited", Text("no stay rule, visa or permit limits this stay"))


def _norm(code: str | None) -> str | None:
    return None if code is None else code.strip().strip("<").upper() or None


def exemption(
    traveller: Traveller | None, policy: ExemptionPolicy | None = None
) -> Decision | None:
    """The exemption from stay limits that applies to ``traveller``, or ``None``.

    Checked in the order of :class:`ExemptionPolicy`: own nationals, residents,
    diplomatic passports (Regulation (EU) 2018/1806 Art. 6(1)(a)), exempt nationalities,
    exempt document types. Codes compare without case or MRZ fillers.

    >>> policy = ExemptionPolicy(own_nationalities=frozenset({"UTO"}))
    >>> exemption(Traveller(nationality="uto"), policy).code
    'exempt.own_national'
    >>> exemption(Traveller(nationality="D", document_type="PD"), policy).code
    'exempt.diplomatic'
    >>> exemption(Traveller(nationality="D", document_type="P<"), policy) is None
    True
    """
    if traveller is None:
        return None
    policy = policy or ExemptionPolicy()
    nationality = _norm(traveller.nationality)
    document = _norm(traveller.document_type)
    if nationality is not None and nationality in {_norm(c) for c in policy.own_nationalities}:
        return Decision(
            "exempt.own_national",
            Text(
                "{nationality} nationals are not subject to stay limits here",
                nationality=nationality,
            ),
        )
    if traveller.resident and policy.residents:
        return Decision("exempt.resident", Text("residents are not subject to short-stay limits"))
    if (
        policy.diplomatic
        and document is not None
        and document in {_norm(c) for c in policy.diplomatic_document_types}
    ):
        return Decision(
            "exempt.diplomatic",
            Text(
                "holders of diplomatic passports are exempt (Regulation (EU) 2018/1806 Art. 6(1)(a))"
            ),
        )
    if nationality is not None and nationality in {_norm(c) for c in policy.exempt_nationalities}:
        return Decision(
            "exempt.nationality",
            Text("{nationality} nationals are exempt by configuration", nationality=nationality),
        )
    if document is not None and document in {_norm(c) for c in policy.exempt_document_types}:
        return Decision(
            "exempt.document_type",
            Text("holders of {document} documents are exempt by configuration", document=document),
        )
    return None


@dataclass(frozen=True, slots=True)
class _Limit:
    last: int | None  # last authorised day ordinal; None: not even the first day
    decision: Decision
    rule: Rule | None


def _check_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    checked = tuple(rules)
    for i, rule in enumerate(checked):
        if not isinstance(rule, MaxStayRule | RollingWindowRule):
            raise InvalidRuleError(
                f"rules[{i}]", f"must be a MaxStayRule or a RollingWindowRule, not {rule!r}", rule
            )
    return checked


def _check_documents(visa: Visa | None, permits: Iterable[Permit]) -> tuple[Permit, ...]:
    if visa is not None and not isinstance(visa, Visa):
        raise InvalidDocumentError("visa", f"must be a Visa, not {visa!r}", visa)
    checked = tuple(permits)
    for i, permit in enumerate(checked):
        if not isinstance(permit, Permit):
            raise InvalidDocumentError(f"permits[{i}]", f"must be a Permit, not {permit!r}", permit)
    return checked


def _as_history(history: History | Iterable[Stay]) -> History:
    if isinstance(history, History):
        return history
    stays = tuple(history)
    for i, stay in enumerate(stays):
        if not isinstance(stay, Stay):
            raise InvalidStayError(f"history[{i}]", f"must be a Stay, not {stay!r}", stay)
    return History(stays)


def _spans(permits: Sequence[Permit]) -> list[tuple[int, int]]:
    return [(p.valid_from.toordinal(), p.valid_until.toordinal()) for p in permits]


def _permit_cover(permits: Sequence[Permit], day: int) -> tuple[int, Decision] | None:
    """End of the unbroken run of permits covering ``day``, and the decision naming it."""
    valid = [p for p in permits if p.valid_from.toordinal() <= day <= p.valid_until.toordinal()]
    if not valid:
        return None
    for start, end in Presence(_spans(permits)).intervals:
        if start <= day <= end:
            break
    kind = max(valid, key=lambda p: p.valid_until).kind
    until = date.fromordinal(end)
    return end, Decision(
        f"permit.{kind}",
        Text(
            "residence permit valid until {until}; days under it do not count against "
            "short-stay rules (Regulation (EU) 2016/399 Art. 6(2))"
            if kind == "residence"
            else "work permit valid until {until}; days under it do not count against "
            "short-stay rules (Regulation (EU) 2016/399 Art. 6(2))"
            if kind == "work"
            else "{kind} permit valid until {until}; days under it do not count against "
            "short-stay rules (Regulation (EU) 2016/399 Art. 6(2))",
            kind=kind,
            until=until,
        ),
    )


def _coverage_problems(history: History, needed: date | None, what: str) -> list[str]:
    # ``what`` is a Text from _needed_from (translated with the message).
    if history.covers_from is None or needed is None or history.covers_from <= needed:
        return []
    return [
        Text(
            "the records start on {covers_from}, but {what} starts on {needed}",
            covers_from=history.covers_from,
            what=what,
            needed=needed,
        )
    ]


def _needed_from(day: date, rules: Sequence[Rule], visa: Visa | None) -> tuple[date | None, str]:
    """The earliest day the assessment must see, and what needs it."""
    needed: date | None = None
    what = ""
    for rule in rules:
        if isinstance(rule, RollingWindowRule):
            start = date.fromordinal(max(1, day.toordinal() - rule.window_days + 1))
            if needed is None or start < needed:
                needed, what = (
                    start,
                    Text(
                        "the {window}-day window ending on {day}", window=rule.window_days, day=day
                    ),
                )
    if (
        visa is not None
        and (visa.duration_days is not None or visa.entries_used is None)
        and (needed is None or visa.valid_from < needed)
    ):
        needed, what = (
            visa.valid_from,
            Text("the visa valid from {valid_from}", valid_from=visa.valid_from),
        )
    return needed, what


def _limits(
    p: Presence, start: int, entry: int, rules: Sequence[Rule], visa: Visa | None
) -> list[_Limit]:
    """Each rule's last authorised day for presence from ``start`` (stay entered ``entry``)."""
    limits: list[_Limit] = []
    for rule in rules:
        if isinstance(rule, RollingWindowRule):
            last = rolling_last_day(p, start, rule)
            text = Text("{rule} (Regulation (EU) 2016/399 Art. 6(1)-(2))", rule=rule.describe())
            if last is None:
                used = p.count(start - rule.window_days + 1, start - 1)
                text = Text(
                    "{used} days of presence in the {window} days before {day}: {rule}",
                    used=used,
                    window=rule.window_days,
                    day=date.fromordinal(start),
                    rule=text,
                )
        else:
            last = entry + rule.max_days - 1
            text = Text("{rule} ({entry})", rule=rule.describe(), entry=date.fromordinal(entry))
            if last < start:
                last = None
        limits.append(_Limit(last, Decision(rule.code, text), rule))
    if visa is not None:
        first, end = visa.valid_from.toordinal(), visa.valid_until.toordinal()
        if start < first or start > end:
            limits.append(
                _Limit(
                    None,
                    Decision(
                        "visa.not_valid",
                        Text(
                            "the visa is valid from {valid_from} to {valid_until} "
                            "(Regulation (EC) No 810/2009 Art. 24(1))",
                            valid_from=visa.valid_from,
                            valid_until=visa.valid_until,
                        ),
                    ),
                    None,
                )
            )
        else:
            limits.append(
                _Limit(
                    end,
                    Decision(
                        "visa.validity",
                        Text(
                            "the visa is valid until {valid_until} "
                            "(Regulation (EC) No 810/2009 Art. 24(1))",
                            valid_until=visa.valid_until,
                        ),
                    ),
                    None,
                )
            )
        if visa.duration_days is not None:
            used = p.count(first, start - 1)
            left = visa.duration_days - used
            limits.append(
                _Limit(
                    start + left - 1 if left > 0 else None,
                    Decision(
                        "visa.duration",
                        Text(
                            "the visa allows {days} days of stay, {used} used before {day} "
                            "(Regulation (EC) No 810/2009 Art. 24(1))",
                            days=visa.duration_days,
                            used=used,
                            day=date.fromordinal(start),
                        ),
                    ),
                    None,
                )
            )
    return limits


def _tightest(limits: Sequence[_Limit]) -> _Limit:
    best = _Limit(MAX_ORDINAL, UNLIMITED, None)
    for limit in limits:
        if limit.last is None:
            return limit
        if best.last is not None and limit.last < best.last:
            best = limit
    return best


def _reporting_rule(decider: Rule | None, rules: Sequence[Rule]) -> Rule | None:
    if decider is not None:
        return decider
    rolling = [r for r in rules if isinstance(r, RollingWindowRule)]
    return rolling[0] if rolling else (rules[0] if rules else None)


def _problems(history: History) -> list[str]:
    problems = list(history.problems)
    try:
        ordered(history.stays)
    except OverlappingStaysError as error:
        problems.append(Text("overlapping stays: {error}", error=error.text))
    return problems


def _cannot_tell(on: date, problems: list[str]) -> Assessment:
    return Assessment(
        Outcome.CANNOT_TELL,
        on,
        Decision("history.incomplete", problems[0]),
        reasons=tuple(problems),
    )


def assess_entry(
    history: History | Iterable[Stay],
    on: date,
    rules: Iterable[Rule],
    *,
    visa: Visa | None = None,
    visa_required: bool = False,
    permits: Iterable[Permit] = (),
    traveller: Traveller | None = None,
    exemptions: ExemptionPolicy | None = None,
) -> Assessment:
    """May the traveller enter on ``on``, and until when may they stay?

    ``history`` holds the stays before this entry (a stay entering on ``on`` is taken
    for this entry and left out). The EES calculator, Regulation (EU) 2017/2226 Art. 11,
    with the rules of Regulation (EU) 2016/399 Art. 6 and the visa of Regulation (EC)
    No 810/2009 Art. 24; see the module docstring for the order of evaluation.

    ``days_used`` counts the days already used in the reporting rule's window before the
    entry day, and ``days_remaining`` is ``max_days - days_used``, never below 0: the
    entry is refused exactly when no day remains.

    >>> a = assess_entry([Stay(date(2025, 1, 1), date(2025, 1, 30))], date(2025, 3, 1),
    ...                  [RollingWindowRule(90, 180)])
    >>> a.outcome.value, a.authorised_until, a.days_used, a.days_remaining
    ('authorised', datetime.date(2025, 4, 29), 30, 60)
    >>> assess_entry([Stay(date(2025, 1, 1), None)], date(2025, 3, 1), []).reasons
    ('the stay entered on 2025-01-01 has no recorded exit: an exit is missing',)
    """
    rules_t = _check_rules(rules)
    permits_t = _check_documents(visa, permits)
    exempt = exemption(traveller, exemptions)
    if exempt is not None:
        return Assessment(Outcome.EXEMPT, on, exempt)
    day = on.toordinal()
    cover = _permit_cover(permits_t, day)
    if cover is not None:
        return Assessment(
            Outcome.AUTHORISED, on, cover[1], authorised_until=date.fromordinal(cover[0])
        )

    hist = _as_history(history)
    problems = _problems(hist)
    before: list[Stay] = []
    for stay in hist.stays:
        if stay.entry >= on:
            continue  # this entry, or records after the day assessed
        if stay.exit is None:
            problems.append(
                Text(
                    "the stay entered on {entry} has no recorded exit: an exit is missing",
                    entry=stay.entry,
                )
            )
        elif stay.exit > on:
            problems.append(
                Text(
                    "the stay from {entry} to {exit} spans the entry day {on}",
                    entry=stay.entry,
                    exit=stay.exit,
                    on=on,
                )
            )
        else:
            before.append(stay)
    needed, what = _needed_from(on, rules_t, visa)
    problems += _coverage_problems(hist, needed, what)
    if problems:
        return _cannot_tell(on, problems)

    if visa is None and visa_required:
        return Assessment(
            Outcome.REFUSED,
            on,
            Decision("visa.missing", Text("a visa is required and none is recorded")),
        )
    if visa is not None and visa.is_valid_on(on) and visa.entries_allowed is not None:
        used = visa.entries_used
        if used is None:
            used = sum(1 for s in before if visa.valid_from <= s.entry)
        if used >= visa.entries_allowed:
            template = {
                1: "the visa allows a single entry and {used} already made "
                "(Regulation (EC) No 810/2009 Art. 24(1))",
                2: "the visa allows two entries and {used} already made "
                "(Regulation (EC) No 810/2009 Art. 24(1))",
            }[visa.entries_allowed]
            return Assessment(
                Outcome.REFUSED,
                on,
                Decision(
                    "visa.entries",
                    Text(template, used=used),
                ),
            )

    p = Presence(subtract(intervals(before, day - 1), _spans(permits_t)))
    decider = _tightest(_limits(p, day, day, rules_t, visa))
    report = _reporting_rule(decider.rule, rules_t)
    used_days: int | None = None
    remaining: int | None = None
    if isinstance(report, RollingWindowRule):
        used_days = p.count(day - report.window_days + 1, day - 1)
        remaining = max(0, report.max_days - used_days)
    elif isinstance(report, MaxStayRule):
        used_days, remaining = 0, report.max_days
    if decider.last is None:
        return Assessment(Outcome.REFUSED, on, decider.decision, None, used_days, remaining)
    return Assessment(
        Outcome.AUTHORISED,
        on,
        decider.decision,
        date.fromordinal(decider.last),
        used_days,
        remaining,
    )


def assess_exit(
    history: History | Iterable[Stay],
    on: date,
    rules: Iterable[Rule],
    *,
    visa: Visa | None = None,
    permits: Iterable[Permit] = (),
    traveller: Traveller | None = None,
    exemptions: ExemptionPolicy | None = None,
) -> Assessment:
    """Did the stay that ends on ``on`` stay within the rules, and by how many days not?

    ``history`` must hold the stay being closed: an open stay entered on or before
    ``on``, or a stay recorded with its exit on (or after) ``on``. ``overstay_days``
    counts the days of that stay after its authorised stay, days under a valid permit
    excluded (Regulation (EU) 2016/399 Art. 6(2)); the overstayer record of Regulation
    (EU) 2017/2226 Art. 12. ``authorised_until`` is the last authorised day of the stay
    (after any days under a permit), ``days_used`` counts the window ending on the exit
    day, the exit day included.

    >>> a = assess_exit([Stay(date(2025, 1, 1), None)], date(2025, 4, 5),
    ...                 [RollingWindowRule(90, 180)])
    >>> a.outcome.value, a.authorised_until, a.overstay_days, a.days_used
    ('overstayed', datetime.date(2025, 3, 31), 5, 95)
    """
    rules_t = _check_rules(rules)
    permits_t = _check_documents(visa, permits)
    exempt = exemption(traveller, exemptions)
    if exempt is not None:
        return Assessment(Outcome.EXEMPT, on, exempt)
    hist = _as_history(history)
    problems = _problems(hist)
    current: Stay | None = None
    if not problems:
        for _, stay in ordered(hist.stays):
            if stay.entry <= on and (stay.exit is None or stay.exit >= on):
                current = stay
    if current is None and not problems:
        problems.append(
            Text("no entry is recorded for the exit on {on}: the stay's entry is unknown", on=on)
        )
    if current is not None:
        needed, what = _needed_from(current.entry, rules_t, visa)
        problems += _coverage_problems(hist, needed, what)
    if problems or current is None:
        return _cannot_tell(on, problems)

    day, entry = on.toordinal(), current.entry.toordinal()
    spans = _spans(permits_t)
    p = Presence(subtract(intervals(hist.stays, day), spans))
    overstay = 0
    last: _Limit | None = None
    overstayed_by: _Limit | None = None
    for first, end in subtract([(entry, day)], spans):
        last = _tightest(_limits(p, first, entry, rules_t, visa))
        over = end - first + 1 if last.last is None else max(0, end - last.last)
        if over:
            overstay += over
            overstayed_by = last
    cover = _permit_cover(permits_t, day)
    if overstayed_by is not None:
        decider = overstayed_by
    elif cover is not None:
        decider = _Limit(cover[0], cover[1], None)
    else:
        assert last is not None  # the stay has days outside permits, or the exit day is covered
        decider = last
    if cover is not None and overstayed_by is None:
        until: int | None = cover[0]
    else:
        until = last.last if last is not None else None
    report = _reporting_rule(decider.rule, rules_t)
    used_days: int | None = None
    remaining: int | None = None
    if isinstance(report, RollingWindowRule):
        used_days = p.count(day - report.window_days + 1, day)
        remaining = max(0, report.max_days - used_days)
    elif isinstance(report, MaxStayRule):
        used_days = day - entry + 1
        remaining = max(0, report.max_days - used_days)
    return Assessment(
        Outcome.OVERSTAYED if overstay else Outcome.AUTHORISED,
        on,
        decider.decision,
        None if until is None else date.fromordinal(until),
        used_days,
        remaining,
        overstay,
    )
