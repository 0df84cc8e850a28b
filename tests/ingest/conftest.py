"""Helpers for ingestion tests: fixture files and warehouse totals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.settings import Settings
from pipelines.warehouse import connect_read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def totals(settings: Settings) -> tuple[int, Decimal]:
    con = connect_read(settings)
    try:
        row = con.execute(
            "select count(*), coalesce(sum(amount_eur), 0) from raw_ledger_lines"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), Decimal(row[1])


def query(settings: Settings, sql: str, params: list[object] | None = None) -> list[tuple]:
    con = connect_read(settings)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
