"""The reader's scope is written once (migration 054: in_scope_buyer, in_scope_entity) and every
query that reads lines, marts or people goes through it: a query that forgot it would be a leak."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse.migrations import apply_migrations

ROOT = Path(__file__).resolve().parent.parent / "pipelines"
SCOPED_DIRS = ("sql/dashboard", "sql/reports", "sql/objectives")
FACTS = re.compile(
    r"\b(fct_spend_lines|raw_ledger_lines|mart_\w+|dim_suppliers|dim_people|closed_spend_lines)\b"
)
#: queries that read facts for the whole organisation on purpose, and why
WHOLE_ORGANISATION = {
    "sql/objectives/period_lines.sql": "closing preview: an admin freezes the whole organisation",
    "sql/objectives/freeze_period_lines.sql": "closing: every line of the period is frozen",
    "sql/objectives/unfreeze_period_lines.sql": "reopening forgets the period's frozen lines",
    "sql/objectives/closed_lines_summary.sql": "a closing's own record of what it froze",
    "sql/objectives/insert_dim_people.sql": "writes the people dimension, reads nothing",
}


def _sql_files() -> list[Path]:
    return sorted(p for d in SCOPED_DIRS for p in (ROOT / d).rglob("*.sql"))


def _code(path: Path) -> str:
    return "\n".join(line.split("--", 1)[0] for line in path.read_text().splitlines())


@pytest.mark.parametrize("path", _sql_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_query_reading_facts_applies_the_scope(path: Path) -> None:
    code = _code(path)
    name = str(path.relative_to(ROOT))
    if not FACTS.search(code) or name in WHOLE_ORGANISATION:
        return
    assert "in_scope_buyer(" in code or "in_scope_entity(" in code, (
        f"{name} reads {FACTS.search(code).group(0)} without the scope macros"  # type: ignore[union-attr]
    )


def test_no_query_writes_the_scope_by_hand() -> None:
    by_hand = re.compile(r"\$(buyers|entities) is null|list_contains\(\$(buyers|entities)")
    offenders = [
        str(p.relative_to(ROOT)) for p in ROOT.rglob("*.sql") if by_hand.search(_code(p))
    ] + [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if by_hand.search(p.read_text())]
    assert offenders == []


def test_python_queries_read_no_fact_table_inline() -> None:
    """Queries live in .sql files (where the test above sees them), not in Python strings."""
    inline = re.compile(r"from\s+(fct_spend_lines|mart_\w+|dim_suppliers)\b", re.IGNORECASE)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "queries").rglob("*.py")
        if inline.search(p.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("allowed", "value", "expected"),
    [(None, "a", True), ([], "a", False), (["a", "b"], "a", True), (["b"], "a", False)],
)
def test_scope_macros(allowed: list[str] | None, value: str, expected: bool) -> None:
    con = duckdb.connect()
    apply_migrations(con)
    row = con.execute(
        "select in_scope_buyer($l, $v), in_scope_entity($l, $v)", {"l": allowed, "v": value}
    ).fetchone()
    assert row == (expected, expected)
