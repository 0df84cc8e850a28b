"""Queries of the overview page (executives and managers), answered from the monthly marts.

A period within a closed year reads as closed: with ``frozen_period`` (see
:func:`frozen_period_of`), the figures come from the lines that year's closing froze, with their
classification then, instead of today's lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.kpi import BY_DIMENSIONS, KPI_KEYS
from pipelines.queries.common import base_params, fetch_dicts
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.settings import Settings

ZERO = Decimal("0.00")


def _empty() -> dict[str, Any]:
    row: dict[str, Any] = {k: ZERO for k in KPI_KEYS}
    row.update(inclusive_share=None, inclusive_suppliers=0, by_kind={}, count_lines=0)
    return row


def frozen_period_of(period: Period, settings: Settings) -> str | None:
    """The closed year whose frozen lines answer for ``period`` (a year, or months within one
    year, that is closed), else None: today's lines. One rule for every figure of the overview."""
    from pipelines.objectives.closing import period_state

    if period.start.year != period.end.year:
        return None
    year = f"{period.start.year:04d}"
    return year if period_state(year, settings).closed else None


def spend_by(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    settings: Settings,
    *,
    by: str | None = None,
    include_probable: bool = False,
    frozen_period: str | None = None,
) -> list[dict[str, Any]]:
    """Same rows as :func:`pipelines.kpi.kpi_rows` (plus ``count_lines``), from the marts; with
    ``frozen_period``, from the lines that period's closing froze."""
    if by is not None and by not in BY_DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; expected one of {', '.join(BY_DIMENSIONS)}")
    if frozen_period is not None:
        from pipelines.kpi import kpi_rows

        return kpi_rows(
            con,
            period.start,
            period.end,
            by=by,
            scope=scope,
            include_probable=include_probable,
            settings=settings,
            frozen_period=frozen_period,
            extra=("count_lines",),
        )
    params = base_params(period, scope, settings, include_probable=include_probable)
    params["by"] = by or "all"
    rows = []
    for raw in fetch_dicts(con, "dashboard/spend_by", params):
        row = {k: raw[k] for k in KPI_KEYS}
        row["by_kind"] = dict(raw["by_kind"] or {})
        row["count_lines"] = raw["count_lines"]
        rows.append({by: raw["dim"], **row} if by is not None else row)
    return rows


def totals(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    settings: Settings,
    *,
    include_probable: bool = False,
    frozen_period: str | None = None,
) -> dict[str, Any]:
    rows = spend_by(
        con,
        period,
        scope,
        settings,
        include_probable=include_probable,
        frozen_period=frozen_period,
    )
    return rows[0] if rows else _empty()


@dataclass(frozen=True)
class Headline:
    """The KPI tiles: this period, the previous one, and the figures with probable spend. A
    period within a closed year reads its frozen lines (``frozen_period``); ``today`` then holds
    today's figures for the restatement beside them."""

    current: dict[str, Any]
    previous: dict[str, Any]
    with_probable: dict[str, Any]
    #: What ``previous`` covers: the same months of the previous period (see like_for_like).
    previous_period: Period
    frozen_period: str | None = None
    today: dict[str, Any] | None = None


def headline(
    con: duckdb.DuckDBPyConnection, period: Period, scope: Scope, settings: Settings
) -> Headline:
    from pipelines.queries.meta import data_range

    _, previous = period.like_for_like(data_range(con, Scope.everything()).last_month)
    frozen = frozen_period_of(period, settings)
    return Headline(
        current=totals(con, period, scope, settings, frozen_period=frozen),
        previous=totals(
            con, previous, scope, settings, frozen_period=frozen_period_of(previous, settings)
        ),
        with_probable=totals(
            con, period, scope, settings, include_probable=True, frozen_period=frozen
        ),
        previous_period=previous,
        frozen_period=frozen,
        today=totals(con, period, scope, settings) if frozen else None,
    )


def top_suppliers(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    settings: Settings,
    *,
    limit: int = 10,
    frozen_period: str | None = None,
) -> list[dict[str, Any]]:
    """The ``limit`` largest inclusive suppliers (certain matches) with their share; with
    ``frozen_period``, over the lines that period's closing froze."""
    params = base_params(period, scope, settings)
    params["limit"] = int(limit)
    params["frozen_period"] = frozen_period
    return fetch_dicts(con, "dashboard/top_suppliers", params)


def concentration(rows: list[dict[str, Any]]) -> float | None:
    """Share of inclusive spend going to the suppliers listed (the top 10)."""
    shares = [r["share"] for r in rows if r["share"] is not None]
    return sum(shares) if shares else None


def monthly(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    settings: Settings,
    *,
    frozen_period: str | None = None,
) -> list[dict[str, Any]]:
    """One row per month of the period (zeros for months without lines), with cumulative
    inclusive spend."""
    by_month = {
        r["month"]: r
        for r in spend_by(con, period, scope, settings, by="month", frozen_period=frozen_period)
    }
    rows = []
    cumulative = ZERO
    for first in period.month_starts():
        key = f"{first:%Y-%m}"
        row = by_month.get(key) or {"month": key, **_empty()}
        cumulative += row["inclusive_spend_eur"]
        rows.append({**row, "month_start": first, "cumulative_inclusive_eur": cumulative})
    return rows
