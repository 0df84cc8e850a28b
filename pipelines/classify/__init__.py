"""Supplier classification: the cascade of DOMAIN.md §6 written to ``supplier_matches``.

``classify(settings)`` reads the distinct suppliers (``dim_suppliers``), the directory records and
the analysts' overrides (objectives store), writes every supplier's candidate rows with their
validity windows and explanations, then refreshes the marts so that each line takes the row valid
at its date.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.classify.rules import (
    MATCH_COLUMNS,
    Match,
    OverrideDecision,
    Record,
    Supplier,
    sort_key,
)
from pipelines.settings import Settings

SQL_DIR = Path(__file__).parent / "sql"


@cache
def classify_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass
class ClassifyResult:
    suppliers: int = 0
    rows: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: wall seconds per phase: overrides, match (read + cascade), write, marts
    phases: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "suppliers": self.suppliers,
            "rows": self.rows,
            "by_status": self.by_status,
            "by_rule": self.by_rule,
            "seconds": round(self.seconds, 3),
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
        }


def _records(rows: list[tuple[Any, ...]]) -> list[Record]:
    return [Record(*row) for row in rows]


def load_overrides(settings: Settings) -> dict[str, OverrideDecision]:
    """Every analyst decision in the objectives store."""
    from sqlalchemy import select

    from pipelines.store.db import session_scope
    from pipelines.store.models import Override

    with session_scope(settings) as session:
        return {
            o.supplier_key: OverrideDecision(
                supplier_key=o.supplier_key,
                decision=o.decision,
                kind=o.kind,
                record_id=o.record_id,
                author=o.author,
                reason=o.reason,
                created_at=o.created_at,
            )
            for o in session.scalars(select(Override))
        }


def read_inputs(
    con: duckdb.DuckDBPyConnection, overrides: dict[str, OverrideDecision]
) -> tuple[list[Supplier], list[Record], list[Record]]:
    suppliers = [Supplier(*row) for row in con.execute(classify_sql("suppliers")).fetchall()]
    override_ids = [o.record_id for o in overrides.values() if o.record_id is not None]
    id_records = _records(
        con.execute(classify_sql("id_records"), {"override_ids": override_ids}).fetchall()
    )
    name_records = _records(con.execute(classify_sql("name_records")).fetchall())
    return suppliers, id_records, name_records


def compute_matches(
    con: duckdb.DuckDBPyConnection,
    overrides: dict[str, OverrideDecision],
    threshold: float,
) -> dict[str, list[Match]]:
    from pipelines.classify.engine import match_all

    suppliers, id_records, name_records = read_inputs(con, overrides)
    return match_all(suppliers, id_records, name_records, overrides, threshold)


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list
) -> None:
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    name = f"{table}_frame"
    con.register(name, frame)
    try:
        cols = ", ".join(columns)
        con.execute(f"insert into {table} ({cols}) select {cols} from {name}")
    finally:
        con.unregister(name)


def write_matches(con: duckdb.DuckDBPyConnection, matches: dict[str, list[Match]]) -> int:
    """Candidates into ``supplier_matches`` (the 'no match' fallback rows stay out: a line
    without a valid candidate is unmatched anyway), headlines into ``supplier_classification``."""
    rows = [m.as_row() for candidates in matches.values() for m in candidates if m.rule != "none"]
    headlines = []
    for candidates in matches.values():
        best = min(candidates, key=sort_key)
        n = sum(1 for m in candidates if m.rule != "none")
        headlines.append((*best.as_row(), n))
    con.execute("delete from supplier_matches")
    con.execute("delete from supplier_classification")
    _insert(con, "supplier_matches", MATCH_COLUMNS, rows)
    _insert(
        con,
        "supplier_classification",
        HEADLINE_COLUMNS,
        [tuple(row[i] for i in HEADLINE_INDEXES) for row in headlines],
    )
    return len(rows)


#: supplier_classification columns, taken from a Match row plus the candidate count.
HEADLINE_COLUMNS = (
    "supplier_key",
    "status",
    "rule",
    "kind",
    "family",
    "record_id",
    "source",
    "score",
    "valid_from",
    "valid_to",
    "explanation",
    "candidates",
)
HEADLINE_INDEXES = tuple((*MATCH_COLUMNS, "candidates").index(c) for c in HEADLINE_COLUMNS)


def summarize(matches: dict[str, list[Match]]) -> tuple[Counter[str], Counter[str]]:
    """Status and rule of each supplier's headline row (its best row, dates aside)."""
    status: Counter[str] = Counter()
    rule: Counter[str] = Counter()
    for candidates in matches.values():
        best = min(candidates, key=sort_key)
        status[best.status] += 1
        rule[best.rule] += 1
    return status, rule


def classify(settings: Settings) -> ClassifyResult:
    """Classify every supplier of the warehouse and refresh the marts."""
    from pipelines.marts import marts_are_current, refresh_marts
    from pipelines.warehouse import write_transaction

    started = time.perf_counter()
    phases: dict[str, float] = {}
    overrides = load_overrides(settings)
    phases["overrides"] = time.perf_counter() - started
    with write_transaction(settings) as con:
        if not marts_are_current(con, settings):
            refresh_marts(con, settings)
        mark = time.perf_counter()
        matches = compute_matches(con, overrides, settings.name_match_threshold)
        phases["match"] = time.perf_counter() - mark
        mark = time.perf_counter()
        n_rows = write_matches(con, matches)
        phases["write"] = time.perf_counter() - mark
        mark = time.perf_counter()
        refresh_marts(con, settings)
        phases["marts"] = time.perf_counter() - mark
    by_status, by_rule = summarize(matches)
    return ClassifyResult(
        suppliers=len(matches),
        rows=n_rows,
        by_status=dict(by_status),
        by_rule=dict(by_rule),
        seconds=time.perf_counter() - started,
        phases=phases,
    )
