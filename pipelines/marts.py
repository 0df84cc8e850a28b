"""Keep the staging views, per-line derived columns and mart tables in step with the data.

Loading a file must not rewrite every line of the warehouse. So the derived columns of a line
(supplier key, department, period date, addressability and the classification valid at its date)
live on the line table and are filled for the new load only; ``fct_spend_lines`` is a view over
them, and only the small aggregated marts are rebuilt on every write.
"""

from __future__ import annotations

import duckdb

from pipelines.settings import Settings, load_settings
from pipelines.sql import load_sql

STAGING_VIEWS = ("stg_ledger_lines",)
MART_VIEWS = ("fct_spend_lines",)
#: Rebuilt in this order after every write; each is ``create or replace table <name> as <sql>``.
MART_TABLES = (
    "dim_suppliers",
    "mart_spend_monthly",
    "mart_inclusive_suppliers_monthly",
)


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    for name in STAGING_VIEWS:
        con.execute(f"create or replace view {name} as {load_sql('staging/' + name)}")
    for name in MART_VIEWS:
        con.execute(f"create or replace view {name} as {load_sql('marts/' + name)}")


def refresh_line_columns(
    con: duckdb.DuckDBPyConnection, settings: Settings, load_id: int | None = None
) -> None:
    """Derive keys and period, addressability and classification for one load (or all lines)."""
    params = {"load_id": load_id}
    con.execute(
        load_sql("marts/derive_line_columns"),
        {**params, "period_date_mode": settings.period_date},
    )
    con.execute(load_sql("marts/reset_addressable_lines"), params)
    con.execute(load_sql("marts/addressable_lines"), params)
    if load_id is None:
        con.execute(
            f"create or replace table supplier_periods as {load_sql('marts/supplier_periods')}"
        )
        # A new load's lines were never classified; every other line may have been.
        con.execute(load_sql("marts/unclassify_lines"), params)
    con.execute(load_sql("marts/classify_lines"), params)


def refresh_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    for name in MART_TABLES:
        con.execute(f"create or replace table {name} as {load_sql('marts/' + name)}")


def refresh_marts(
    con: duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    *,
    load_id: int | None = None,
) -> None:
    """Bring everything derived up to date; run inside a write transaction after any change.

    With ``load_id``, only the lines of that load get their per-line columns (what a new ledger
    load needs); without it, every line is re-derived and re-classified (after a change of
    classification, exclusions or settings).
    """
    settings = settings or load_settings()
    refresh_views(con)
    refresh_line_columns(con, settings, load_id)
    refresh_aggregates(con)
