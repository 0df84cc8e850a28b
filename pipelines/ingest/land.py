"""Land the rows of view ``ingest_input`` as typed ledger lines: quarantine, numbering, replacement.

Everything here is set-based SQL over the whole file (pipelines/ingest/sql/*.sql).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

from pipelines.ingest.headers import LEDGER_FIELDS
from pipelines.sql import load_sql

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


#: Quarantine reason of a line in a currency without a rate at its date (fx_quarantine.sql): such
#: lines load once the rate is there (asr fx load), so a file holding some is never "unchanged".
FX_MISSING_REASON = "devise sans taux de change à la date de facture (asr fx load)"


def execute_script(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> None:
    """Run the statements of a .sql file (``;`` at a line end) one by one, each with its params.

    DuckDB binds parameters only in the last statement of a multi-statement string.
    """
    for statement in re.split(r";[ \t]*\n", ingest_sql(name)):
        if not statement.strip(" \t\n;") or _only_comments(statement):
            continue
        used = set(re.findall(r"\$(\w+)", _strip_comments(statement)))
        con.execute(statement, {k: v for k, v in params.items() if k in used})


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def _only_comments(sql: str) -> bool:
    return not _strip_comments(sql).strip(" \t\n;")


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
    #: format-specific figures of the load report (e.g. a FEC's entries and opening entries)
    details: dict[str, object] = field(default_factory=dict)
    #: sentences for the load report
    warnings: list[str] = field(default_factory=list)
    #: loaded lines whose source amount had more than two decimals, rounded half-up to the cent
    rounded_amounts: int = 0


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> int:
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def define_amount_parser(
    con: duckdb.DuckDBPyConnection, *, decimal_comma: bool, plain: bool
) -> None:
    """Define ``ingest_amount(v)`` for this load: one of the parsers of macros.sql, and
    ``ingest_amount_rounded(v)``, whether it rounds a value to the cent.

    All four give the same value for the same separator; ``plain`` only trades speed on plain
    numbers against speed on formatted ones ("1 234,56-").
    """
    separator = "comma" if decimal_comma else "point"
    name = f"ingest_amount_{separator}" + ("" if plain else "_slow")
    # macro names from the fixed lists above, no user text
    con.execute(f"create or replace temp macro ingest_amount(v) as {name}(v)")
    con.execute(
        f"create or replace temp macro ingest_amount_rounded(v) as "
        f"ingest_amount_{separator}_rounded(v)"
    )


#: Text cleaners of macros.sql, from the cheapest: each removes what the previous ones do.
TEXT_CLEANERS = ("plain", "fast", "thorough")


def define_text_cleaner(con: duckdb.DuckDBPyConnection, level: str) -> None:
    """``ingest_text(v)`` for this load: ``plain`` (trim), ``fast`` (also tabs and line breaks)
    or ``thorough`` (every control character), see macros.sql."""
    if level not in TEXT_CLEANERS:
        raise ValueError(level)
    # a macro name from the fixed list above, no user text
    con.execute(f"create or replace temp macro ingest_text(v) as ingest_text_{level}(v)")


def typed_sql(input_sql: str) -> str:
    """The typed_lines.sql chain over ``input_sql`` (a select of source_row + text fields)."""
    return "with ingest_input as (" + input_sql + "), " + ingest_sql("typed_lines")


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
    amount_plain: bool = False,
    first_row_no: int | None = None,
    period_date_mode: str,
) -> LandCounts:
    """Type, check and insert the rows of ``input_sql``; quarantine the rest; replace older lines.

    ``input_sql`` selects ``source_row`` and one text column per ledger field. The input is read
    and typed once, straight into raw_ledger_lines (insert_lines.sql); unreadable rows are parked
    under ``-load_id`` with their diagnosis and moved to quarantine. When the input does not
    number its rows (``source_row`` null, ``first_row_no`` given), they are numbered from their
    insertion order. The lines get their derived keys and period date (``period_date_mode``) as
    they are inserted, again after a supplier master filled their identifiers. ``amount_plain``
    (most sampled amounts are plain numbers) only picks the faster amount parser.
    """
    counts = LandCounts()
    params = {"load_id": load_id, "file": file_label}
    define_amount_parser(con, decimal_comma=decimal_comma, plain=amount_plain)
    # the row numbering relies on it (DuckDB's default, set in case a configuration changed it)
    con.execute("set preserve_insertion_order = true")
    with timed("read+insert_lines"):
        con.execute(
            ingest_sql("insert_lines").replace("{typed_lines}", typed_sql(input_sql)),
            {
                "load_id": load_id,
                "default_entity": default_entity,
                "has_line_no": has_line_no,
                "period_date_mode": period_date_mode,
                **input_params,
            },
        )
    if first_row_no is not None:
        with timed("number_rows"):
            _number_rows(con, load_id, first_row_no)
    con.execute("create or replace temp table ingest_headers (field varchar, header varchar)")
    header_rows = [[f, h] for f, h in headers.items() if f in LEDGER_FIELDS]
    if header_rows:
        con.executemany("insert into ingest_headers values (?, ?)", header_rows)
    if _scalar(con, "select count(*) from raw_ledger_lines where load_id = ?", [-load_id]):
        with timed("quarantine_parked"):
            execute_script(con, "quarantine_parked", params)
    counts.rows_quarantined = _quarantined(con, load_id)
    counts.rows_read = counts.rows_quarantined + _scalar(
        con, "select count(*) from raw_ledger_lines where load_id = ?", [load_id]
    )
    if not has_line_no:
        with timed("number_lines"):
            con.execute(ingest_sql("number_lines"), {"load_id": load_id})
    if _scalar(
        con,
        "select count(*) from raw_ledger_lines where load_id = ? and currency <> 'EUR'",
        [load_id],
    ):
        con.execute(ingest_sql("fx_convert"), {"load_id": load_id})
        execute_script(con, "fx_quarantine", {**params, "fx_reason": FX_MISSING_REASON})
    if has_suppliers:
        execute_script(con, "apply_suppliers", {"load_id": load_id})
        # the master may have given them a SIRET or a postcode: their keys change
        con.execute(
            load_sql("marts/derive_line_columns"),
            {"load_id": load_id, "period_date_mode": period_date_mode},
        )
    with timed("duplicate_keys"):
        # without line numbers in the file, number_lines made every key unique
        dupes = _scalar(con, ingest_sql("duplicate_hashes"), {"load_id": load_id})
        if dupes:
            dupes = _scalar(con, ingest_sql("duplicate_keys"), {"load_id": load_id})
    if dupes:
        execute_script(con, "quarantine_duplicates", params)
    counts.rows_quarantined = _quarantined(con, load_id)
    with timed("replace_older"):
        counts.rows_replaced = replace_older(con, load_id, replacement)
    row = con.execute(
        "select count(*), coalesce(sum(amount_eur), 0), count(*) filter (amount_is_rounded) "
        "from raw_ledger_lines where load_id = ?",
        [load_id],
    ).fetchone()
    assert row is not None
    counts.rows_loaded = int(row[0])
    counts.amount_eur = str(row[1])
    counts.rounded_amounts = int(row[2])
    return counts


def _quarantined(con: duckdb.DuckDBPyConnection, load_id: int) -> int:
    return _scalar(con, "select count(*) from quarantine where load_id = ?", [load_id])


def _number_rows(con: duckdb.DuckDBPyConnection, load_id: int, first_row_no: int) -> None:
    """Number the rows of the load (readable and parked) from their insertion order."""
    row = con.execute(
        "select min(rowid), max(rowid), count(*) from raw_ledger_lines "
        "where load_id in ($load_id, -$load_id)",
        {"load_id": load_id},
    ).fetchone()
    assert row is not None
    if not row[2]:
        return
    first, last, rows = int(row[0]), int(row[1]), int(row[2])
    if last - first + 1 != rows:
        # the rows of one insert should be one contiguous block: refuse to guess row numbers
        raise RuntimeError(f"load {load_id}: {rows} rows inserted over rowids {first}..{last}")
    con.execute(
        ingest_sql("number_rows"),
        {"load_id": load_id, "first_rowid": first, "first_row_no": first_row_no},
    )


def replace_older(con: duckdb.DuckDBPyConnection, load_id: int, replacement: Replacement) -> int:
    """Delete what this load supersedes; returns the number of lines removed."""
    others = _scalar(
        con, "select count(*) from raw_ledger_lines where load_id <> ? limit 1", [load_id]
    )
    if not others:
        return 0
    # the controls' portfolio moves need the buyer a replaced line had (pipelines/controls)
    con.execute(load_sql("controls/record_buyer_changes"), {"load_id": load_id})
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
