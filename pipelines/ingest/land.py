"""Land the rows of view ``ingest_input`` as typed ledger lines: quarantine, numbering, replacement.

Everything here is set-based SQL over the whole file (pipelines/ingest/sql/*.sql).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipelines.ingest.headers import LEDGER_FIELDS

SQL_DIR = Path(__file__).parent / "sql"
log = logging.getLogger("pipelines.ingest")


@contextlib.contextmanager
def timed(step: str) -> Iterator[None]:
    """Log how long a step took (``logging.DEBUG`` on ``pipelines.ingest``)."""
    started = time.perf_counter()
    yield
    log.debug("%-28s %.3f s", step, time.perf_counter() - started)


@cache
def ingest_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(ingest_sql("macros"))


@dataclass
class Replacement:
    """What an earlier load loses to this one: its invoices, a period of an entity, or a prefix."""

    mode: str = "invoices"  # invoices | period | prefix
    entity: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    prefix: str | None = None


@dataclass
class LandCounts:
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_replaced: int = 0
    amount_eur: str = "0.00"
    contracts_loaded: int = 0


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> int:
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def land_lines(
    con: duckdb.DuckDBPyConnection,
    *,
    load_id: int,
    file_label: str,
    input_sql: str,
    input_params: dict[str, object],
    headers: dict[str, str],
    default_entity: str | None,
    decimal_comma: bool,
    has_line_no: bool,
    replacement: Replacement,
    has_suppliers: bool = False,
) -> LandCounts:
    """Type, check and insert the rows of ``input_sql``; quarantine the rest; replace older lines.

    ``input_sql`` selects ``source_row`` and one text column per ledger field.
    """
    counts = LandCounts()
    with timed("read+typed_lines"):
        con.execute(
            "create or replace temp table ingest_typed as with ingest_input as ("
            + input_sql
            + "), "
            + ingest_sql("typed_lines"),
            {"default_entity": default_entity, "decimal_comma": decimal_comma, **input_params},
        )
    counts.rows_read = _scalar(con, "select count(*) from ingest_typed")
    if _scalar(con, "select count(*) from ingest_typed where currency <> 'EUR'"):
        con.execute(ingest_sql("fx_convert"))
    if has_suppliers:
        con.execute(ingest_sql("apply_suppliers"))
    con.execute("create or replace temp table ingest_headers (field varchar, header varchar)")
    header_rows = [[f, h] for f, h in headers.items() if f in LEDGER_FIELDS]
    if header_rows:
        con.executemany("insert into ingest_headers values (?, ?)", header_rows)
    params = {"load_id": load_id, "file": file_label}
    with timed("insert_quarantine"):
        con.execute(ingest_sql("insert_quarantine"), params)
    counts.rows_quarantined = _scalar(
        con, "select count(*) from ingest_typed where q_reason is not null"
    )
    with timed("insert_lines"):
        con.execute(
            ingest_sql("insert_lines_numbered" if has_line_no else "insert_lines"),
            {"load_id": load_id},
        )
    with timed("duplicate_keys"):
        dupes = _scalar(con, ingest_sql("duplicate_keys"), {"load_id": load_id})
    if dupes:
        con.execute(ingest_sql("quarantine_duplicates"), params)
        dupes = _scalar(con, "select count(*) from ingest_dupes")
        counts.rows_quarantined += dupes
    with timed("replace_older"):
        counts.rows_replaced = replace_older(con, load_id, replacement)
    row = con.execute(
        "select count(*), coalesce(sum(amount_eur), 0) from raw_ledger_lines where load_id = ?",
        [load_id],
    ).fetchone()
    assert row is not None
    counts.rows_loaded = int(row[0])
    counts.amount_eur = str(row[1])
    return counts


def replace_older(con: duckdb.DuckDBPyConnection, load_id: int, replacement: Replacement) -> int:
    """Delete what this load supersedes; returns the number of lines removed."""
    others = _scalar(
        con, "select count(*) from raw_ledger_lines where load_id <> ? limit 1", [load_id]
    )
    if not others:
        return 0
    if replacement.mode == "period":
        sql, params = (
            ingest_sql("replace_period"),
            {
                "load_id": load_id,
                "entity": replacement.entity,
                "date_from": replacement.date_from,
                "date_to": replacement.date_to,
            },
        )
    elif replacement.mode == "prefix":
        sql, params = (
            ingest_sql("replace_prefix"),
            {"load_id": load_id, "prefix": replacement.prefix},
        )
    else:
        sql, params = ingest_sql("replace_invoices"), {"load_id": load_id}
    row = con.execute(sql, params).fetchone()
    replaced = int(row[0]) if row and row[0] is not None else 0
    if replacement.mode != "invoices":
        # lines of other invoices of the same load window are also superseded by invoice identity
        row = con.execute(ingest_sql("replace_invoices"), {"load_id": load_id}).fetchone()
        replaced += int(row[0]) if row and row[0] is not None else 0
    return replaced
