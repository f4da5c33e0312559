"""Aggregates over the API: the same published (suppressed) tables as the dashboard."""

import datetime as dt
from typing import Any, Literal

from ninja import Router, Schema

from passage.accounts.api import AuthedRequest, requires_api

from . import queries, services

router = Router(tags=["statistics"])

# The published tables (queries.BUILDERS and the HXL people table), declared in the
# OpenAPI document as the path's enum. (No ``from __future__ import annotations`` here:
# Ninja resolves string annotations in the globals of ``requires_api``'s wrapper.)
TableKey = Literal[
    "flows",
    "points",
    "nationalities",
    "pyramid",
    "decisions",
    "persons",
    "refusals",
    "purposes",
    "overstays",
    "people",
]


class Cell(Schema):
    code: str
    label: str


class TableOut(Schema):
    key: str
    title: str
    rows: list[Cell]
    columns: list[Cell]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    min_cell: int
    note: str
    filters: dict[str, str]
    refreshed_at: dt.datetime | None


@router.get("/statistics/tables/{key}", response=TableOut)
@requires_api("statistics.view_statistics")
def table(
    request: AuthedRequest,
    key: TableKey,
    start: str = "",
    end: str = "",
    period: str = "",
    post: str = "",
    nationality: str = "",
) -> dict[str, Any]:
    """One published table (flows, points, nationalities, pyramid, decisions, refusals,
    purposes, overstays, people). Withheld counts are ``null``."""
    params = {
        "start": start,
        "end": end,
        "period": period,
        "post": post,
        "nationality": nationality,
    }
    f = queries.parse_filters(params, request.auth)
    t = queries.table(key, f)
    p = t.published
    return {
        "key": t.key,
        "title": str(t.title),
        "rows": [{"code": c, "label": str(label)} for c, label in t.rows],
        "columns": [{"code": c, "label": str(label)} for c, label in t.columns],
        "cells": p.cells,
        # Only the sums that mean something: none across columns counting different
        # things, none down rows of distinct counts (a person who entered and left is
        # one person, not two).
        "row_totals": p.row_totals if t.additive else [None] * len(p.row_totals),
        "column_totals": p.column_totals
        if t.column_totals_shown
        else [None] * len(p.column_totals),
        "total": p.total if t.additive and t.column_totals_shown else None,
        "min_cell": p.threshold,
        "note": str(t.note),
        "filters": f.as_params(),
        "refreshed_at": services.last_refreshed(),
    }
