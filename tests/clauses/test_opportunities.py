"""Opportunities on a hand-made warehouse: renewals, recurring spend without a clause, art. 35."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.access import ClauseView
from pipelines.clauses.opportunities import opportunities
from pipelines.marts import refresh_marts
from pipelines.settings import Settings
from pipelines.store.models import ClauseContract
from pipelines.warehouse import connect_read, write_transaction

D = Decimal
AS_OF = dt.date(2026, 11, 30)

# entity, category, buyer, month, amount (all addressable, 2026)
LINES = [
    *[("ALPHA", "Nettoyage", "b1", m, "15000.00") for m in (1, 2, 3)],
    ("ALPHA", "Nettoyage", "b2", 4, "15000.00"),  # 60 000 over 4 months, b1 owns it
    *[("ALPHA", "Travaux", "b1", m, "50000.00") for m in (5, 6, 7)],  # covered by a clause
    *[("ALPHA", "Conseil", "b2", m, "100000.00") for m in (8, 9)],  # two months: not recurring
    *[("BETA", "Fournitures", "b3", m, "1000.00") for m in (1, 2, 3, 4)],  # below 40 000
]

NONE = ["Pas de considération sociale"]
# uid, nature, cpv, notified, amount, considerations
DECP = [
    ("D1", "Services", "90910000", dt.date(2026, 9, 1), "300000.00", []),
    ("D2", "Services", "90910000", dt.date(2026, 9, 1), "300000.00", ["Clause sociale"]),
    ("D3", "Services", "90910000", dt.date(2026, 7, 1), "300000.00", []),
    ("D4", "Travaux", "45000000", dt.date(2026, 10, 1), "1000000.00", []),
    ("D5", "Services", "90910000", dt.date(2026, 10, 1), "200000.00", []),
    ("D6", "Travaux", "45210000", dt.date(2026, 10, 1), "6000000.00", NONE),
]  # fmt: skip


@pytest.fixture
def warehouse(settings: Settings) -> Settings:
    with write_transaction(settings) as con:
        for i, (entity, category, buyer, month, amount) in enumerate(LINES, start=1):
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
                "invoice_date, supplier_name, siret, post_code, buyer, account, category, "
                "amount_eur) values (1, ?, ?, ?, 1, ?, 'SUPPLIER', '40483304800022', '75011', ?, "
                "'604', ?, ?)",
                [i, entity, f"F{i}", dt.date(2026, month, 10), buyer, category, amount],
            )
        for uid, nature, cpv, day, amount, labels in DECP:
            con.execute(
                "insert into decp_contracts (load_id, contract_uid, contract_id, buyer_id, "
                "buyer_name, nature, cpv_code, notification_date, amount_eur, "
                "social_considerations, is_reserved, base_uid) "
                "values (1, ?, ?, '21750001600019', 'Ville', ?, ?, ?, ?, ?, false, ?)",
                [uid, uid, nature, cpv, day, amount, labels, uid],
            )
        refresh_marts(con, settings)
    return settings


def contract(contract_id: str, entity: str, category: str, end: dt.date, buyer: str):
    return ClauseContract(
        contract_id=contract_id,
        entity=entity,
        buyer=buyer,
        category=category,
        start_date=dt.date(2025, 1, 1),
        end_date=end,
        amount_eur=D("600000.00"),
    )


CONTRACTS = [
    contract("C-TRX", "ALPHA", "Travaux", dt.date(2027, 3, 31), "b1"),  # ends in 121 days
    contract("C-OLD", "ALPHA", "Nettoyage-x", dt.date(2026, 11, 1), "b1"),  # already ended
    contract("C-FAR", "BETA", "Restauration", dt.date(2028, 1, 1), "b3"),  # beyond the horizon
]


def test_every_kind_with_hand_computed_hours(warehouse):
    con = connect_read(warehouse)
    try:
        rows = opportunities(con, CONTRACTS, ClauseView(None, True, True), AS_OF, horizon_days=180)
    finally:
        con.close()
    found = {(r["kind"], r["reference"]): r for r in rows}
    assert set(found) == {
        ("renewal", "C-TRX"),
        ("recurring_spend", "Nettoyage"),
        ("art35", "D1"),
        ("art35", "D6"),
    }
    # Travaux: 600 000 x 0.50 / 30 x 5 % = 500 h
    assert found[("renewal", "C-TRX")]["hours_estimated"] == D("500")
    cleaning = found[("recurring_spend", "Nettoyage")]
    # 60 000 x 0.80 / 27 x 5 % = 88.89 -> 89 h; b1 spends 45 000 of it
    assert cleaning["amount_eur"] == D("60000.00") and cleaning["buyer"] == "b1"
    assert cleaning["hours_estimated"] == D("89")
    assert found[("art35", "D1")]["threshold_eur"] == D("216000")
    assert found[("art35", "D6")]["threshold_eur"] == D("5404000")


def test_a_buyer_sees_only_their_own_and_no_public_flags(warehouse):
    con = connect_read(warehouse)
    try:
        rows = opportunities(con, CONTRACTS, ClauseView(("b2",), False, False), AS_OF)
    finally:
        con.close()
    assert rows == []  # b2 owns no contract and no recurring category above the threshold
    con = connect_read(warehouse)
    try:
        rows = opportunities(con, CONTRACTS, ClauseView(("b1",), False, False), AS_OF)
    finally:
        con.close()
    assert {(r["kind"], r["reference"]) for r in rows} == {
        ("renewal", "C-TRX"),
        ("recurring_spend", "Nettoyage"),
    }


def test_from_decp_registers_contracts_with_a_social_consideration(warehouse, cli_as):
    import json

    from typer.testing import CliRunner

    from pipelines.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["clauses", "from-decp"], env=cli_as("fac", role="facilitator"))
    assert out.exit_code == 0, out.output
    listed = json.loads(runner.invoke(app, ["clauses", "list", "--format", "json"]).output)
    # only D2 lists a social consideration ("Pas de considération sociale" does not count)
    assert [(r["contract_id"], r["source"], r["start_date"]) for r in listed] == [
        ("D2", "decp", "2026-09-01")
    ]
    again = runner.invoke(app, ["clauses", "from-decp"], env=cli_as("fac"))
    assert "0 contrat(s) créé(s), 1 mis à jour" in again.output
