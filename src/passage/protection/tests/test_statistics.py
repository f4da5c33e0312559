"""Protection figures leave the app only as aggregates with small cells suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from passage.protection import statistics
from passage.protection.statistics import aggregates, suppress
from passage.reference.services import set_crossing_point_mode

pytestmark = pytest.mark.django_db


def test_doctests():
    import doctest

    assert doctest.testmod(statistics).failed == 0


def test_primary_and_secondary_suppression():
    rows = [
        {"month": "2026-01", "crossing_point": "A", "k": "a", "count": 1},
        {"month": "2026-01", "crossing_point": "A", "k": "b", "count": 6},
        {"month": "2026-01", "crossing_point": "A", "k": "c", "count": 7},
        {"month": "2026-01", "crossing_point": "B", "k": "a", "count": 2},
        {"month": "2026-01", "crossing_point": "B", "k": "b", "count": 3},
        {"month": "2026-01", "crossing_point": "C", "k": "a", "count": 5},
    ]
    out = {(r["crossing_point"], r["k"]): r["count"] for r in suppress(rows)}
    assert out == {
        ("A", "a"): None,
        ("A", "b"): None,  # secondary: the total of A must not reveal the 1
        ("A", "c"): 7,
        ("B", "a"): None,
        ("B", "b"): None,
        ("C", "a"): 5,
    }


def test_aggregates_count_and_suppress(protection):
    from passage.protection import services

    set_crossing_point_mode(protection.supervisor, protection.post, "emergency", "influx")
    protection.post.refresh_from_db()
    flags = ["PR-FR"] * 6 + ["TIP-CTRL"] * 7 + ["SC-UC"]
    for n, code in enumerate(flags):
        services.register_household(
            protection.officer,
            protection.post,
            services.HouseholdInput(
                head=services.MemberInput(sex="F", age_band="18-59", primary_name=f"H{n}"),
                indicators=[code],
                place_of_origin="x",
                intended_destination="y",
            ),
        )
    today = timezone.now().date()
    result = aggregates(today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    categories = {r["category"]: r["count"] for r in result["indicator_categories"]}
    # 1 child is suppressed; the next smallest (6) too, so that a total cannot reveal it.
    assert categories == {"protection_request": None, "trafficking": 7, "child": None}
    statuses = {r["status"]: r["count"] for r in result["referral_statuses"]}
    assert statuses == {"in_progress": None}
    assert result["households"][0]["count"] == 14 and result["households"][0]["people"] == 14
    text = repr(result)
    assert "H1" not in text and "SC-UC" not in text


def test_analysts_hold_no_protection_permission():
    """Protection data is excluded from anything an analyst can read or export."""
    from passage.accounts.roles import ROLE_PERMISSIONS, Role

    assert not [p for p in ROLE_PERMISSIONS[Role.ANALYST] if p.startswith("protection.")]
    for role in (Role.BORDER_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR):
        assert "protection.view_protection" not in ROLE_PERMISSIONS[role]


def test_the_country_minimum_cell_applies_to_protection_figures(protection, settings):
    """A country that raises PASSAGE_STATS_MIN_CELL to 10 publishes no protection count
    below 10 (the app used to hide only 1 to 4, whatever the setting said)."""
    settings.PASSAGE_STATS_MIN_CELL = 10
    rows = [
        {"month": "2026-01", "crossing_point": "A", "k": "a", "count": 7},
        {"month": "2026-01", "crossing_point": "A", "k": "b", "count": 9},
        {"month": "2026-01", "crossing_point": "A", "k": "c", "count": 30},
        {"month": "2026-01", "crossing_point": "A", "k": "d", "count": 12},
    ]
    out = [r["count"] for r in suppress(rows)]
    assert out == [None, None, 30, 12]


@given(
    st.lists(
        st.tuples(st.sampled_from("AB"), st.integers(min_value=1, max_value=30)),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=2, max_value=12),
)
def test_no_small_count_is_published_nor_recoverable_from_a_total(cells, threshold):
    """Every count from 1 to the minimum less one is withheld, and within a post's month
    (a series published with its total) no withheld count is alone: the total cannot
    give it back (passage.core.disclosure's rule)."""
    rows = [
        {"month": "2026-01", "crossing_point": point, "k": n, "count": count}
        for n, (point, count) in enumerate(cells)
    ]
    published = suppress([dict(r) for r in rows], threshold=threshold)
    for original, row in zip(rows, published, strict=True):
        if 0 < original["count"] < threshold:
            assert row["count"] is None and row["suppressed"]
        if row["count"] is not None:
            assert row["count"] == original["count"]
    for point in "AB":
        group = [r for r in published if r["crossing_point"] == point]
        hidden = [r for r in group if r["suppressed"]]
        assert len(hidden) != 1 or len(group) == 1
