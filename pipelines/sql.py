"""Access to the project's ``.sql`` files (one model or query each)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@cache
def load_sql(name: str) -> str:
    """Text of ``pipelines/sql/<name>.sql`` (``name`` like ``marts/fct_spend_lines``)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
