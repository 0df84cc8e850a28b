"""Helpers: a tiny org, ledger lines and supplier matches written straight into the warehouse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction

PEOPLE_CSV = """person_id,name,email,manager_id,entity,role
ceo,Claire Dupont,ceo@example.fr,,GROUP,executive
dirA,Marc Leroy,marc@example.fr,ceo,ENT1,manager
b1,Alice Martin,alice@example.fr,dirA,ENT1,buyer
b2,Bruno Petit,bruno@example.fr,dirA,ENT1,buyer
teamlead,Tom Lead,tom@example.fr,dirA,ENT1,manager
b3,Chloé Roux,chloe@example.fr,teamlead,ENT2,buyer
admin,Ada Admin,ada@example.fr,,GROUP,admin
"""

OBJ_HEADER = (
    "objective_id,owner,scope_type,scope_value,period_start,period_end,metric,target,weight,"
    "variable_pay_eur,curve\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def add_lines(
    settings: Settings,
    lines: list[tuple[str, str, str, str, str, str]],
    matches: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    *,
    load_id: int = 1,
) -> None:
    """lines: (entity, invoice_id, date, siret, buyer, amount); matches: (siret, kind, status)."""
    from pipelines.kinds import family_of

    with write_transaction(settings) as con:
        for i, (entity, invoice, day, siret, buyer, amount) in enumerate(lines):
            con.execute(
                "delete from raw_ledger_lines where entity = ? and invoice_id = ? and line_no = 1",
                [entity, invoice],
            )
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
                "invoice_date, siret, buyer, account, amount_eur) values (?, ?, ?, ?, 1, ?, ?, ?, "
                "'606', ?)",
                [
                    load_id,
                    i + 2,
                    entity,
                    invoice,
                    dt.date.fromisoformat(day),
                    siret,
                    buyer,
                    Decimal(amount),
                ],
            )
        for siret, kind, status in matches:
            con.execute("delete from supplier_matches where supplier_key = ?", [siret])
            con.execute(
                "insert into supplier_matches (supplier_key, precedence, rule, status, kind, "
                "family) values (?, 2, 'siret', ?, ?, ?)",
                [siret, status, kind, family_of(kind)],
            )
        refresh_marts(con, settings)
