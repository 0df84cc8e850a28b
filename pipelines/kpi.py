"""Indicator definitions (DOMAIN.md section 7) and the KPI report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.kinds import INCLUSIVE_FAMILIES
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql

BY_DIMENSIONS = ("entity", "buyer", "manager", "family", "kind", "month")

#: Keys of one KPI object, in output order.
KPI_KEYS = (
    "spend_eur",
    "addressable_spend_eur",
    "inclusive_spend_eur",
    "inclusive_share",
    "insertion_spend_eur",
    "handicap_spend_eur",
    "ess_spend_eur",
    "probable_spend_eur",
    "inclusive_suppliers",
    "by_kind",
)

ZERO = Decimal("0.00")


def inclusive_families(settings: Settings) -> list[str]:
    families = list(INCLUSIVE_FAMILIES)
    if settings.ess_in_inclusive:
        families.append("ess")
    return families


def _empty_row() -> dict[str, Any]:
    row: dict[str, Any] = {k: ZERO for k in KPI_KEYS}
    row.update(inclusive_share=None, inclusive_suppliers=0, by_kind={})
    return row


def kpi_rows(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    *,
    by: str | None = None,
    scope: Scope | None = None,
    include_probable: bool = False,
    settings: Settings,
    frozen_period: str | None = None,
    extra: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """One dict per value of ``by`` (or a single row when ``by`` is None). With
    ``frozen_period``, over the lines that period's closing froze instead of today's lines;
    ``extra`` names more columns of the query to keep (``count_lines``)."""
    if by is not None and by not in BY_DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; expected one of {', '.join(BY_DIMENSIONS)}")
    scope = scope or Scope.everything()
    params = {
        "date_from": date_from,
        "date_to": date_to,
        "by": by or "all",
        "inclusive_families": inclusive_families(settings),
        "counted_statuses": ["certain", "probable"] if include_probable else ["certain"],
        **scope.params(),
    }
    sql = load_sql("marts/kpi_summary")
    if frozen_period is not None:
        # The same indicators over the lines as a closing froze them (closed_spend_lines).
        live = "from fct_spend_lines as f"
        assert live in sql
        sql = sql.replace(live, f"from ({load_sql('objectives/frozen_spend_lines')}) as f")
        params["period"] = frozen_period
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = []
    for values in cur.fetchall():
        raw = dict(zip(names, values, strict=True))
        row = {k: raw[k] for k in (*KPI_KEYS, *extra)}
        row["by_kind"] = dict(raw["by_kind"] or {})
        if by is not None:
            row = {by: raw["dim"], **row}
        rows.append(row)
    return rows


def kpi_summary(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    *,
    scope: Scope | None = None,
    include_probable: bool = False,
    settings: Settings,
) -> dict[str, Any]:
    """The headline object of ``asr report kpi --format json`` (zeros when nothing matches)."""
    rows = kpi_rows(
        con, date_from, date_to, scope=scope, include_probable=include_probable, settings=settings
    )
    body = rows[0] if rows else _empty_row()
    return {"from": date_from, "to": date_to, **body}


def kpi_report(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    *,
    by: str | None = None,
    scope: Scope | None = None,
    settings: Settings,
) -> dict[str, Any]:
    if by is None:
        return kpi_summary(con, date_from, date_to, scope=scope, settings=settings)
    rows = kpi_rows(con, date_from, date_to, by=by, scope=scope, settings=settings)
    return {"from": date_from, "to": date_to, "rows": rows}
