"""Small warehouse builders shared by the classification tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction

LINE_COLUMNS = (
    "entity",
    "invoice_id",
    "invoice_date",
    "supplier_name",
    "siret",
    "post_code",
    "amount_eur",
)


def add_lines(settings: Settings, lines: Sequence[tuple[object, ...]]) -> None:
    """Insert ledger lines (entity, invoice_id, date, name, siret, post_code, amount)."""
    with write_transaction(settings) as con:
        start = con.execute("select count(*) from raw_ledger_lines").fetchone()[0]  # type: ignore[index]
        for i, line in enumerate(lines, start=start + 1):
            row = dict(zip(LINE_COLUMNS, line, strict=True))
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
                "invoice_date, supplier_name, siret, post_code, amount_eur) "
                "values (1, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                [
                    i,
                    row["entity"],
                    row["invoice_id"],
                    row["invoice_date"],
                    row["supplier_name"],
                    row["siret"],
                    row["post_code"],
                    row["amount_eur"],
                ],
            )
        refresh_marts(con, settings)


def line_status(settings: Settings, invoice_id: str) -> tuple[str, str | None, str | None]:
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        row = con.execute(
            "select status, rule, kind from fct_spend_lines where invoice_id = ?", [invoice_id]
        ).fetchone()
    finally:
        con.close()
    assert row is not None, invoice_id
    return row[0], row[1], row[2]


D = dt.date
