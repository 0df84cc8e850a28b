"""What the warehouse holds: date range, entities and buyers visible in a scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from pipelines.queries.common import fetch_dicts
from pipelines.scope import Scope


@dataclass(frozen=True)
class DataRange:
    first_month: dt.date | None
    last_month: dt.date | None
    last_line_date: dt.date | None

    @property
    def years(self) -> list[int]:
        if self.first_month is None or self.last_month is None:
            return []
        return list(range(self.first_month.year, self.last_month.year + 1))


def data_range(con: duckdb.DuckDBPyConnection, scope: Scope) -> DataRange:
    row = fetch_dicts(con, "dashboard/data_range", scope.params())[0]
    return DataRange(row["first_month"], row["last_month"], row["last_line_date"])


def dimension_values(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict[str, list[str]]:
    """Distinct entities and buyers of the lines visible in ``scope`` (for filter widgets)."""
    rows = fetch_dicts(con, "dashboard/dimension_values", scope.params())
    out: dict[str, list[str]] = {"entity": [], "buyer": []}
    for row in rows:
        out[row["dimension"]].append(row["value"])
    return out


def people(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict[str, dict[str, str | None]]:
    """person_id -> {name, manager_id, entity, role} for the people visible in ``scope``."""
    rows = fetch_dicts(con, "dashboard/people", {"buyers": scope.params()["buyers"]})
    return {
        r["person_id"]: {k: r[k] for k in ("name", "manager_id", "entity", "role")} for r in rows
    }
