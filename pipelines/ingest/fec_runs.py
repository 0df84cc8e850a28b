"""FEC entries rebuilt from balanced runs, where entry numbers do not identify entries.

DOMAIN.md section 4: in a journal whose ``EcritureNum`` do not identify balanced entries, an
entry is a run of consecutive lines (in the file's order) of one journal and date that balances
to zero. This is a scan over the whole file in order, done here with numpy on arrays fetched
from ``fec_rows`` (window functions over millions of ordered rows took seconds per pass).
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from pipelines.ingest.land import ingest_sql


def balanced_runs(
    journal: np.ndarray, date: np.ndarray, cents: np.ndarray, row: np.ndarray
) -> np.ndarray:
    """For each line (arrays in file order), the ``row`` of the first line of its run.

    A segment is a maximal block of consecutive lines with the same journal and date; inside a
    segment, a run ends after the line where the running balance (``cents``, unreadable amounts
    as 0) returns to zero; a run still open when its segment ends ends there, unbalanced.
    """
    n = len(row)
    if n == 0:
        return np.empty(0, dtype=row.dtype)
    new_segment = np.ones(n, dtype=bool)
    new_segment[1:] = (journal[1:] != journal[:-1]) | (date[1:] != date[:-1])
    balance_before = np.cumsum(cents) - cents  # sum of all earlier lines of the file
    segment = np.cumsum(new_segment) - 1
    segment_base = balance_before[new_segment][segment]  # balance before the segment's start
    starts = balance_before == segment_base  # the run's balance is zero before this line
    run = np.cumsum(starts) - 1
    return row[starts][run]


def build_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Temp table fec_runs (source_row, run_start) for the lines of weak journals; its size."""
    if not _count(con, "select count(*) from fec_weak_journals"):
        con.execute("create or replace temp table fec_runs (source_row bigint, run_start bigint)")
        return 0
    arrays = con.execute(ingest_sql("fec_run_input")).fetchnumpy()
    first = balanced_runs(
        np.asarray(arrays["journal_hash"]),
        np.asarray(arrays["date_hash"]),
        np.asarray(arrays["cents"], dtype=np.int64),
        np.asarray(arrays["source_row"], dtype=np.int64),
    )
    weak = np.asarray(arrays["is_weak"], dtype=bool)
    runs = pd.DataFrame(
        {"source_row": np.asarray(arrays["source_row"])[weak], "run_start": first[weak]}
    )
    con.register("fec_runs_frame", runs)
    try:
        con.execute("create or replace temp table fec_runs as select * from fec_runs_frame")
    finally:
        con.unregister("fec_runs_frame")
    return len(runs)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
