"""Write one directory file into the warehouse as a snapshot of its source.

Records keep their id across snapshots of the same source (same ``source_key``), so analysts'
overrides that name a record survive reloads. Open records that a newer snapshot no longer lists
are closed at the snapshot date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.reference.records import STAGE_COLUMNS, RefRecord

SQL_DIR = Path(__file__).parent / "sql"


@cache
def reference_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RefLoadResult:
    file: str
    source: str
    sha256: str
    as_of: dt.date
    ref_load_id: int | None
    rows_loaded: int
    rows_flagged: int
    rows_closed: int
    rows_skipped: int = 0
    skipped: bool = False  # the same file was already loaded for this source

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "source": self.source,
            "sha256": self.sha256,
            "as_of": self.as_of,
            "ref_load_id": self.ref_load_id,
            "rows_loaded": self.rows_loaded,
            "rows_flagged": self.rows_flagged,
            "rows_closed": self.rows_closed,
            "rows_skipped": self.rows_skipped,
            "skipped": self.skipped,
        }


STAGE_DDL = """
create or replace temp table ref_stage (
    stage_row bigint,
    source_key varchar,
    kind varchar,
    family varchar,
    siret varchar,
    siren varchar,
    name varchar,
    name_norm varchar,
    brand varchar,
    naf varchar,
    post_code varchar,
    department varchar,
    valid_from date,
    valid_to date,
    is_luhn_valid boolean,
    is_active boolean,
    source varchar
)
"""


def already_loaded(con: duckdb.DuckDBPyConnection, source: str, sha256: str) -> int | None:
    """The last load of ``source`` if it was this very file (reloading it changes nothing).

    An older file loaded again after a different one is a new snapshot, not a repeat."""
    row = con.execute(
        "select ref_load_id, sha256 from reference_loads where source = ? "
        "order by ref_load_id desc limit 1",
        [source],
    ).fetchone()
    return int(row[0]) if row and row[1] == sha256 else None


def stage_records(con: duckdb.DuckDBPyConnection, records: Iterable[RefRecord]) -> None:
    """Fill the temp table ``ref_stage`` from Python records."""
    con.execute(STAGE_DDL)
    rows = [(i, *r.as_row()) for i, r in enumerate(records, start=1)]
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=["stage_row", *STAGE_COLUMNS], dtype=object)
    con.register("ref_stage_frame", frame)
    try:
        cols = ", ".join(["stage_row", *STAGE_COLUMNS])
        con.execute(f"insert into ref_stage ({cols}) select {cols} from ref_stage_frame")
    finally:
        con.unregister("ref_stage_frame")


def write_snapshot(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    file: str,
    sha256: str,
    as_of: dt.date,
    loaded_by: str,
    fill_stage: Callable[[duckdb.DuckDBPyConnection], None],
    rows_skipped: int = 0,
) -> RefLoadResult:
    """Record the load, merge the staged records into ``reference_records``, close the missing."""
    ref_load_id = int(con.execute("select nextval('ref_load_id_seq')").fetchone()[0])  # type: ignore[index]
    fill_stage(con)
    params = {"ref_load_id": ref_load_id, "as_of": as_of, "default_source": source}
    con.execute(
        "create or replace temp table ref_stage_ids as " + reference_sql("stage_ids"), params
    )
    con.execute(
        "insert into reference_loads (ref_load_id, source, file, sha256, as_of, loaded_by) "
        "values (?, ?, ?, ?, ?, ?)",
        [ref_load_id, source, file, sha256, as_of, loaded_by],
    )
    con.execute(
        "delete from reference_records where record_id in "
        "(select keep_id from ref_stage_ids where keep_id is not null)"
    )
    con.execute(reference_sql("insert_records"))
    closed = con.execute(
        reference_sql("close_missing"), {"ref_load_id": ref_load_id, "as_of": as_of}
    )
    rows_closed = int(closed.fetchone()[0])  # type: ignore[index]
    loaded, flagged = con.execute(
        "select count(*), count(*) filter (where not is_luhn_valid) from ref_stage_ids"
    ).fetchone()  # type: ignore[misc]
    con.execute(
        "update reference_loads set rows_loaded = ?, rows_flagged = ?, rows_closed = ? "
        "where ref_load_id = ?",
        [loaded, flagged, rows_closed, ref_load_id],
    )
    con.execute("drop table if exists ref_stage_ids")
    con.execute("drop table if exists ref_stage")
    return RefLoadResult(
        file=file,
        source=source,
        sha256=sha256,
        as_of=as_of,
        ref_load_id=ref_load_id,
        rows_loaded=int(loaded),
        rows_flagged=int(flagged),
        rows_closed=rows_closed,
        rows_skipped=rows_skipped,
    )
