"""Assessments at entry and exit: rules combined with visas, permits and exemptions.

Rules under test: Regulation (EU) 2016/399 Art. 6(1)-(2) (90/180, entry and exit days
counted, days under a residence permit not counted); Regulation (EC) No 810/2009 Art. 24
(visa validity, entries, duration of stay); Regulation (EU) 2017/2226 Art. 11-12 (the EES
calculator and overstayers). A partial history gives "cannot tell", never a guess.
"""

from __future__ import annotations

from datetime import date

import pytest

from passage.core.stay import (
    SCHENGEN_SHORT_STAY,
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
    assess_entry,
    assess_exit,
)

D = date
R90 = [SCHENGEN_SHORT_STAY]


def s(entry: str, exit_: str | None) -> Stay:
    return Stay(D.fromisoformat(entry), None if exit_ is None else D.fromisoformat(exit_))


# --- entry: rules -----------------------------------------------------------------------


def test_first_entry() -> None:
    a = assess_entry([], D(2025, 1, 1), R90)
    assert a.outcome is Outcome.AUTHORISED
    assert (a.authorised_until, a.days_used, a.days_remaining, a.overstay_days) == (
        D(2025, 3, 31),
        0,
        90,
        0,
    )
    assert a.decided_by.code == "rolling_window"
    assert "2016/399" in a.decided_by.text
    assert not a.cannot_tell and a.reasons == ()


def test_entry_with_days_used() -> None:
    a = assess_entry([s("2025-01-01", "2025-01-30")], D(2025, 3, 1), R90)
    assert (a.authorised_until, a.days_used, a.days_remaining) == (D(2025, 4, 29), 30, 60)


def test_entry_refused_when_all_days_are_used() -> None:
    """Refusal ground F: already stayed 90 days in the 180-day period."""
    a = assess_entry([s("2024-10-01", "2024-12-29")], D(2025, 1, 10), R90)
    assert a.outcome is Outcome.REFUSED
    assert a.authorised_until is None
    assert (a.days_used, a.days_remaining) == (90, 0)
    assert a.decided_by.code == "rolling_window"
    assert "90 days of presence" in a.decided_by.text


def test_the_tightest_rule_decides() -> None:
    rules: list[Rule] = [SCHENGEN_SHORT_STAY, MaxStayRule(30)]
    a = assess_entry([], D(2025, 1, 1), rules)
    assert (a.authorised_until, a.decided_by.code) == (D(2025, 1, 30), "max_stay")
    assert (a.days_used, a.days_remaining) == (0, 30)
    # with 80 days used, the rolling window is the tighter one
    b = assess_entry([s("2024-12-01", "2025-02-18")], D(2025, 3, 1), rules)
    assert (b.authorised_until, b.decided_by.code, b.days_used) == (
        D(2025, 3, 10),
        "rolling_window",
        80,
    )


def test_a_stay_entering_on_the_day_is_this_entry() -> None:
    a = assess_entry([s("2025-01-01", "2025-01-10"), s("2025-03-01", None)], D(2025, 3, 1), R90)
    assert (a.outcome, a.days_used, a.authorised_until) == (Outcome.AUTHORISED, 10, D(2025, 5, 19))


def test_no_rule_at_all() -> None:
    a = assess_entry([], D(2025, 1, 1), [])
    assert (a.outcome, a.authorised_until, a.decided_by.code) == (
        Outcome.AUTHORISED,
        D.max,
        "unlimited",
    )
    assert a.days_used is None


# --- entry: visas -----------------------------------------------------------------------


def test_single_entry_visa_used_up_by_the_recorded_entry() -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30), entries_allowed=1, duration_days=30)
    a = assess_entry([s("2025-01-10", "2025-01-15")], D(2025, 3, 1), R90, visa=visa)
    assert (a.outcome, a.decided_by.code) == (Outcome.REFUSED, "visa.entries")
    assert "single entry" in a.decided_by.text


def test_entries_used_as_recorded_on_the_visa() -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30), entries_allowed=2, entries_used=2)
    assert assess_entry([], D(2025, 3, 1), R90, visa=visa).decided_by.code == "visa.entries"
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30), entries_allowed=2, entries_used=1)
    assert assess_entry([], D(2025, 3, 1), R90, visa=visa).outcome is Outcome.AUTHORISED


def test_double_entry_visa_and_entries_before_its_validity() -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30), entries_allowed=2)
    # the 2024 entry was not made on this visa
    history = [s("2024-12-20", "2024-12-24"), s("2025-01-10", "2025-01-15")]
    assert assess_entry(history, D(2025, 3, 1), R90, visa=visa).outcome is Outcome.AUTHORISED
    history.append(s("2025-02-01", "2025-02-02"))
    assert assess_entry(history, D(2025, 3, 1), R90, visa=visa).decided_by.code == "visa.entries"


def test_multiple_entry_visa_never_runs_out_of_entries() -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 12, 31))
    history = [s(f"2025-0{m}-01", f"2025-0{m}-02") for m in range(1, 8)]
    assert assess_entry(history, D(2025, 9, 1), R90, visa=visa).outcome is Outcome.AUTHORISED


def test_visa_validity_ends_before_the_maximum_stay() -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 1, 20))
    a = assess_entry([], D(2025, 1, 5), R90, visa=visa)
    assert (a.outcome, a.authorised_until, a.decided_by.code) == (
        Outcome.AUTHORISED,
        D(2025, 1, 20),
        "visa.validity",
    )
    # days used and remaining stay those of the stay rule
    assert (a.days_used, a.days_remaining) == (0, 90)


def test_visa_duration_of_stay() -> None:
    """A 15-day visa with 10 days already used in its validity leaves 5 days."""
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30), duration_days=15)
    a = assess_entry([s("2025-01-01", "2025-01-10")], D(2025, 2, 1), R90, visa=visa)
    assert (a.authorised_until, a.decided_by.code) == (D(2025, 2, 5), "visa.duration")
    b = assess_entry([s("2025-01-01", "2025-01-15")], D(2025, 2, 1), R90, visa=visa)
    assert (b.outcome, b.decided_by.code) == (Outcome.REFUSED, "visa.duration")


@pytest.mark.parametrize("on", [D(2024, 12, 31), D(2025, 7, 1)])
def test_visa_not_valid_on_the_day(on: date) -> None:
    visa = Visa(D(2025, 1, 1), D(2025, 6, 30))
    a = assess_entry([], on, R90, visa=visa)
    assert (a.outcome, a.decided_by.code) == (Outcome.REFUSED, "visa.not_valid")


def test_visa_required_but_missing() -> None:
    a = assess_entry([], D(2025, 1, 1), R90, visa_required=True)
    assert (a.outcome, a.decided_by.code) == (Outcome.REFUSED, "visa.missing")


# --- entry: permits and exemptions -------------------------------------------------------


def test_a_valid_permit_authorises_to_its_end_chaining_renewals() -> None:
    permits = [
        Permit("residence", D(2024, 1, 1), D(2024, 12, 31)),
        Permit("work", D(2025, 1, 1), D(2025, 12, 31)),
    ]
    a = assess_entry([s("2020-01-01", "2024-06-01")], D(2024, 7, 1), R90, permits=permits)
    assert (a.outcome, a.authorised_until, a.decided_by.code) == (
        Outcome.AUTHORISED,
        D(2025, 12, 31),
        "permit.residence",
    )


def test_days_under_a_permit_do_not_count() -> None:
    """Regulation (EU) 2016/399 Art. 6(2): stays under a residence permit are not counted."""
    permit = Permit("residence", D(2024, 1, 1), D(2025, 1, 31))
    history = [s("2024-06-01", "2025-01-31")]
    a = assess_entry(history, D(2025, 2, 10), R90, permits=[permit])
    assert (a.days_used, a.authorised_until) == (0, D(2025, 5, 10))
    # without the permit the same stay uses the whole window
    assert assess_entry(history, D(2025, 2, 10), R90).outcome is Outcome.REFUSED


@pytest.mark.parametrize(
    ("traveller", "code"),
    [
        (Traveller(nationality="UTO"), "exempt.own_national"),
        (Traveller(nationality="D", resident=True), "exempt.resident"),
        (Traveller(nationality="D", document_type="PD"), "exempt.diplomatic"),
        (Traveller(nationality="AND"), "exempt.nationality"),
        (Traveller(nationality="D", document_type="AC"), "exempt.document_type"),
        (Traveller(nationality="D", document_type="P"), None),
        (Traveller(), None),
    ],
)
def test_exemptions(traveller: Traveller, code: str | None) -> None:
    policy = ExemptionPolicy(
        own_nationalities=frozenset({"UTO"}),
        exempt_nationalities=frozenset({"AND"}),
        exempt_document_types=frozenset({"AC"}),
    )
    # the history would refuse entry to anyone not exempt
    history = [s("2024-10-01", "2024-12-29")]
    for assess in (assess_entry, assess_exit):
        on = D(2025, 1, 10) if assess is assess_entry else D(2024, 12, 29)
        a = assess(history, on, R90, traveller=traveller, exemptions=policy)
        if code is None:
            assert a.outcome is not Outcome.EXEMPT
        else:
            assert (a.outcome, a.decided_by.code, a.authorised_until) == (
                Outcome.EXEMPT,
                code,
                None,
            )


def test_exemptions_can_be_switched_off() -> None:
    policy = ExemptionPolicy(residents=False, diplomatic=False)
    a = assess_entry(
        [], D(2025, 1, 1), R90, traveller=Traveller("D", "PD", True), exemptions=policy
    )
    assert a.outcome is Outcome.AUTHORISED


# --- cannot tell ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "reason"),
    [
        # an earlier stay with no exit: the traveller should still be inside
        ([s("2025-01-01", None)], "has no recorded exit"),
        # an earlier stay recorded past the entry day
        ([s("2025-01-01", "2025-03-10")], "spans the entry day"),
        # overlapping stays
        ([s("2025-01-01", "2025-01-20"), s("2025-01-10", "2025-01-30")], "overlapping stays"),
        # an exit with no entry: the stay's entry is unknown
        (History.from_records([(None, D(2025, 1, 20))]), "entry is unknown"),
        # an exit recorded before its entry
        (History.from_records([(D(2025, 1, 20), D(2025, 1, 10))]), "before its entry"),
        # an entry, then another entry: an exit is missing
        (
            History.from_crossings(
                [("entry", D(2025, 1, 1)), ("entry", D(2025, 2, 1)), ("exit", D(2025, 2, 5))]
            ),
            "an exit is missing",
        ),
        # records that do not reach the start of the window (it starts on 3 Sep 2024)
        (
            History((s("2025-01-01", "2025-01-10"),), covers_from=D(2024, 10, 12)),
            "records start on 2024-10-12",
        ),
    ],
)
def test_entry_cannot_tell(history: History | list[Stay], reason: str) -> None:
    a = assess_entry(history, D(2025, 3, 1), R90)
    assert a.outcome is Outcome.CANNOT_TELL and a.cannot_tell
    assert a.authorised_until is None and a.days_used is None
    assert any(reason in r for r in a.reasons), a.reasons
    assert a.decided_by.code == "history.incomplete"


def test_history_covering_the_window_is_enough() -> None:
    history = History((s("2025-01-01", "2025-01-10"),), covers_from=D(2024, 9, 2))
    assert assess_entry(history, D(2025, 3, 1), R90).outcome is Outcome.AUTHORISED


def test_visa_counting_needs_records_from_its_validity() -> None:
    visa = Visa(D(2024, 1, 1), D(2025, 12, 31), duration_days=90)
    history = History((), covers_from=D(2024, 10, 1))
    a = assess_entry(history, D(2025, 3, 1), R90, visa=visa)
    assert a.cannot_tell and "the visa valid from 2024-01-01" in a.reasons[0]


def test_every_reason_is_listed() -> None:
    history = History.from_records([(None, D(2025, 1, 5)), (D(2025, 1, 10), None)])
    a = assess_entry(history, D(2025, 3, 1), R90)
    assert len(a.reasons) == 2


# --- exit -------------------------------------------------------------------------------


def test_exit_within_the_authorised_stay() -> None:
    a = assess_exit([s("2025-01-01", None)], D(2025, 3, 31), R90)
    assert (a.outcome, a.authorised_until, a.overstay_days, a.days_used, a.days_remaining) == (
        Outcome.AUTHORISED,
        D(2025, 3, 31),
        0,
        90,
        0,
    )


def test_exit_after_an_overstay() -> None:
    a = assess_exit([s("2025-01-01", None)], D(2025, 4, 5), R90)
    assert (a.outcome, a.authorised_until, a.overstay_days) == (
        Outcome.OVERSTAYED,
        D(2025, 3, 31),
        5,
    )
    assert a.decided_by.code == "rolling_window"


def test_exit_recorded_with_its_date_and_earlier_trips() -> None:
    """100 days from 1 Jan, then 1-10 Jun: the whole June trip is over the limit."""
    history = [s("2025-01-01", "2025-04-10"), s("2025-06-01", "2025-06-10")]
    a = assess_exit(history, D(2025, 6, 10), R90)
    assert (a.outcome, a.overstay_days, a.authorised_until) == (Outcome.OVERSTAYED, 10, None)


def test_exit_with_max_stay_and_visa() -> None:
    a = assess_exit([s("2025-01-01", None)], D(2025, 2, 5), [MaxStayRule(30)])
    assert (a.overstay_days, a.authorised_until, a.days_used, a.days_remaining) == (
        6,
        D(2025, 1, 30),
        36,
        0,
    )
    visa = Visa(D(2024, 12, 1), D(2025, 1, 20))
    b = assess_exit([s("2025-01-01", None)], D(2025, 1, 25), R90, visa=visa)
    assert (b.overstay_days, b.decided_by.code, b.authorised_until) == (
        5,
        "visa.validity",
        D(2025, 1, 20),
    )


def test_exit_with_a_permit_granted_during_the_stay() -> None:
    """100 days from 1 Jan 2025, a residence permit from 1 Mar: no day is over the limit."""
    permit = Permit("residence", D(2025, 3, 1), D(2026, 2, 28))
    a = assess_exit([s("2025-01-01", None)], D(2025, 4, 10), R90, permits=[permit])
    assert (a.outcome, a.overstay_days, a.decided_by.code) == (
        Outcome.AUTHORISED,
        0,
        "permit.residence",
    )
    assert a.authorised_until == D(2026, 2, 28)
    # a permit that expired during the stay: days after it count again, with the days before
    permit = Permit("work", D(2025, 2, 1), D(2025, 2, 28))
    b = assess_exit([s("2025-01-01", None)], D(2025, 5, 15), R90, permits=[permit])
    # 31 days in January + 1 Mar - 15 May (76) = 107 days outside the permit: 17 over
    assert (b.outcome, b.overstay_days, b.authorised_until) == (
        Outcome.OVERSTAYED,
        17,
        D(2025, 4, 28),
    )


def test_exit_cannot_tell() -> None:
    a = assess_exit([s("2025-01-01", "2025-01-10")], D(2025, 3, 1), R90)
    assert a.cannot_tell and "entry is unknown" in a.reasons[0]
    covered = History((s("2025-01-01", None),), covers_from=D(2024, 12, 1))
    assert assess_exit(covered, D(2025, 3, 1), R90).cannot_tell
    overlapping = [s("2025-01-01", "2025-02-01"), s("2025-01-15", None)]
    assert assess_exit(overlapping, D(2025, 3, 1), R90).cannot_tell


def test_assessment_to_dict() -> None:
    d = assess_exit([s("2025-01-01", None)], D(2025, 4, 5), R90).to_dict()
    assert d["outcome"] == "overstayed" and d["authorised_until"] == "2025-03-31"
    assert d["decided_by"] == {"code": "rolling_window", "text": d["decided_by"]["text"]}  # type: ignore[index]


def test_rolling_rules_of_other_lengths() -> None:
    """A 30-in-60 rule: 20 days used, 10 more from the entry day."""
    a = assess_entry([s("2025-01-01", "2025-01-20")], D(2025, 2, 1), [RollingWindowRule(30, 60)])
    assert (a.days_used, a.days_remaining, a.authorised_until) == (20, 10, D(2025, 2, 10))
