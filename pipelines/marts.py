"""Rebuild the staging views and mart tables from their ``.sql`` files."""

from __future__ import annotations

import duckdb

from pipelines.settings import Settings, load_settings
from pipelines.sql import load_sql

STAGING_VIEWS = ("stg_ledger_lines",)
#: Built in this order; each is ``create or replace table <name> as <sql>``.
MART_TABLES = (
    "fct_spend_lines",
    "dim_suppliers",
    "mart_spend_monthly",
    "mart_inclusive_suppliers_monthly",
)
MART_PARAMETERS = {"fct_spend_lines": ("period_date_mode",)}


def refresh_staging(con: duckdb.DuckDBPyConnection) -> None:
    for name in STAGING_VIEWS:
        con.execute(f"create or replace view {name} as {load_sql('staging/' + name)}")


def refresh_marts(con: duckdb.DuckDBPyConnection, settings: Settings | None = None) -> None:
    """Rebuild every mart; run inside a write transaction after any data change."""
    settings = settings or load_settings()
    values = {"period_date_mode": settings.period_date}
    refresh_staging(con)
    for name in MART_TABLES:
        params = {p: values[p] for p in MART_PARAMETERS.get(name, ())}
        con.execute(f"create or replace table {name} as {load_sql('marts/' + name)}", params)
