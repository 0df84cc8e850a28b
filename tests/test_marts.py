"""Marts follow the code and the settings: a warehouse built by older definitions is rebuilt
before anyone reads it."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.marts import marts_are_current, refresh_marts
from pipelines.settings import Settings, load_settings
from pipelines.warehouse import connect_read, write_transaction


def _one_line(settings: Settings) -> None:
    with write_transaction(settings) as con:
        con.execute(
            "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
            "invoice_date, posting_date, supplier_name, amount_eur) "
            "values (1, 1, 'E', 'F1', 1, '2025-12-30', '2026-01-05', 'S', 10.00)"
        )
        refresh_marts(con, settings)


def test_stale_definitions_are_rebuilt_on_read(settings: Settings) -> None:
    _one_line(settings)
    with write_transaction(settings) as con:
        con.execute("update mart_state set definitions_hash = 'written by an older version'")
        con.execute("drop table dim_suppliers")
    con = connect_read(settings)
    try:
        assert marts_are_current(con, settings)
        assert con.execute("select count(*) from dim_suppliers").fetchone() == (1,)
    finally:
        con.close()


def test_changing_the_period_date_setting_rebuilds_line_periods(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_line(settings)
    con = connect_read(settings)
    assert con.execute("select period_date from fct_spend_lines").fetchone() == (
        dt.date(2025, 12, 30),
    )
    con.close()
    monkeypatch.setenv("ASR_PERIOD_DATE", "posting")
    posting = load_settings()
    con = connect_read(posting)
    try:
        assert con.execute("select period_date from fct_spend_lines").fetchone() == (
            dt.date(2026, 1, 5),
        )
    finally:
        con.close()
