"""Keep the staging views, per-line derived columns and mart tables in step with the data.

Loading a file must not rewrite every line of the warehouse. So the derived columns of a line
(supplier key, department, period date, addressability and the classification valid at its date)
live on the line table and are filled for the new load only; ``fct_spend_lines`` is a view over
them, and only the small aggregated marts are rebuilt on every write.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from collections.abc import Iterator

import duckdb

from pipelines.settings import Settings
from pipelines.sql import load_sql

log = logging.getLogger("pipelines.marts")


@contextlib.contextmanager
def _timed(step: str) -> Iterator[None]:
    """Log how long a step took (``logging.DEBUG`` on ``pipelines.marts``, read by the bench)."""
    started = time.perf_counter()
    yield
    log.debug("%-28s %.3f s", "marts: " + step, time.perf_counter() - started)


STAGING_VIEWS = ("stg_ledger_lines", "stg_reference_records")
MART_VIEWS = ("fct_spend_lines",)
#: Rebuilt in this order after every write; each is ``create or replace table <name> as <sql>``.
MART_TABLES = (
    "dim_suppliers",
    "mart_spend_monthly",
    "mart_inclusive_suppliers_monthly",
)


LINE_COLUMN_SQL = (
    "derive_line_columns",
    "reset_addressable_lines",
    "addressable_lines",
    "supplier_periods",
    "unclassify_lines",
    "classify_lines",
)


def definitions_hash(settings: Settings) -> str:
    """A fingerprint of every view and mart definition and of the settings they read: when the
    code or ASR_PERIOD_DATE changes it, an existing warehouse is rebuilt before anyone reads it
    (see ``ensure_warehouse``)."""
    names = [f"staging/{n}" for n in STAGING_VIEWS] + [
        f"marts/{n}" for n in (*MART_VIEWS, *LINE_COLUMN_SQL, *MART_TABLES)
    ]
    digest = hashlib.sha256(f"period_date={settings.period_date}\0".encode())
    for name in names:
        digest.update(name.encode() + b"\0" + load_sql(name).encode() + b"\0")
    return digest.hexdigest()


def marts_are_current(con: duckdb.DuckDBPyConnection, settings: Settings) -> bool:
    try:
        row = con.execute("select definitions_hash from mart_state").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == definitions_hash(settings)


def _record_definitions(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    con.execute("create table if not exists mart_state (definitions_hash varchar)")
    con.execute("delete from mart_state")
    con.execute("insert into mart_state values (?)", [definitions_hash(settings)])


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    for name in STAGING_VIEWS:
        con.execute(f"create or replace view {name} as {load_sql('staging/' + name)}")
    for name in MART_VIEWS:
        con.execute(f"create or replace view {name} as {load_sql('marts/' + name)}")


def refresh_line_columns(
    con: duckdb.DuckDBPyConnection, settings: Settings, load_id: int | None = None
) -> None:
    """Derive keys and period, addressability and classification for one load (or all lines).

    A new load's lines already carry their keys and period date (its insert pass fills them, see
    ingest/sql/insert_lines.sql) and were inserted addressable and unclassified: only the
    exclusions and the classification are applied to them, and each only when it can match.
    """
    params = {"load_id": load_id}
    if load_id is None:
        with _timed("derive_line_columns"):
            con.execute(
                load_sql("marts/derive_line_columns"),
                {**params, "period_date_mode": settings.period_date},
            )
            con.execute(load_sql("marts/reset_addressable_lines"), params)
    with _timed("exclusions"):
        if load_id is None or _exists(con, "select 1 from exclusions limit 1"):
            con.execute(load_sql("marts/addressable_lines"), params)
    with _timed("classification"):
        if load_id is None:
            con.execute(
                f"create or replace table supplier_periods as {load_sql('marts/supplier_periods')}"
            )
            # A new load's lines were never classified; every other line may have been.
            con.execute(load_sql("marts/unclassify_lines"), params)
        if load_id is None or _exists(
            con,
            "select 1 from supplier_periods where supplier_key in "
            "(select supplier_key from raw_ledger_lines where load_id = ?) limit 1",
            [load_id],
        ):
            con.execute(load_sql("marts/classify_lines"), params)


def _exists(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> bool:
    return con.execute(sql, params or []).fetchone() is not None


def refresh_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    for name in MART_TABLES:
        with _timed(name):
            con.execute(f"create or replace table {name} as {load_sql('marts/' + name)}")


def refresh_marts(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    *,
    load_id: int | None = None,
) -> None:
    """Bring everything derived up to date; run inside a write transaction after any change.

    With ``load_id``, only the lines of that load get their per-line columns (what a new ledger
    load needs); without it, every line is re-derived and re-classified (after a change of
    classification, exclusions or settings).
    """
    if load_id is not None and not marts_are_current(con, settings):
        load_id = None  # definitions changed since the last build: rebuild every line
    refresh_views(con)
    refresh_line_columns(con, settings, load_id)
    refresh_aggregates(con)
    if load_id is None:
        _record_definitions(con, settings)
