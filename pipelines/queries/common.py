"""Shared helpers of the read queries: parameters from a scope and rows from a cursor."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from pipelines.kpi import inclusive_families
from pipelines.queries import MAX_ROWS
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql


def base_params(
    period: Period, scope: Scope, settings: Settings, *, include_probable: bool = False
) -> dict[str, Any]:
    return {
        "date_from": period.start,
        "date_to": period.end,
        "inclusive_families": inclusive_families(settings),
        "counted_statuses": ["certain", "probable"] if include_probable else ["certain"],
        **scope.params(),
    }


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Rows of ``pipelines/sql/<name>.sql`` as dicts; refuses more than MAX_ROWS rows."""
    cur = con.execute(load_sql(name), params)
    names = [d[0] for d in cur.description]
    rows = cur.fetchmany(MAX_ROWS + 1)
    if len(rows) > MAX_ROWS:
        raise RuntimeError(f"{name}: more than {MAX_ROWS} rows; aggregate or paginate")
    return [dict(zip(names, r, strict=True)) for r in rows]


def fetch_frame(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    cur = con.execute(load_sql(name), params)
    names = [d[0] for d in cur.description]
    rows = cur.fetchmany(MAX_ROWS + 1)
    if len(rows) > MAX_ROWS:
        raise RuntimeError(f"{name}: more than {MAX_ROWS} rows; aggregate or paginate")
    return pd.DataFrame.from_records(rows, columns=names)
