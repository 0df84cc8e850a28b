"""From ledger lines to payout in euros, on a small case computed by hand; closing freezes it."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.objectives import (
    close_period,
    compute_attainment,
    load_objectives,
    reopen_period,
    whatif,
)
from pipelines.settings import Settings
from tests.objectives.helpers import OBJ_HEADER, add_lines, write

EA, EI, OTHER = "11111111111111", "33333333333333", "22222222222222"

LINES = [
    # entity, invoice, date, siret, buyer, amount
    ("ENT1", "F1", "2025-03-01", EA, "b1", "50000.00"),
    ("ENT1", "F2", "2025-05-01", EA, "b1", "-2000.00"),  # credit note
    ("ENT1", "F3", "2025-06-01", OTHER, "b1", "40000.00"),
    ("ENT1", "F4", "2025-07-01", EI, "b2", "9000.00"),  # probable only
    ("ENT2", "F5", "2025-08-01", EA, "b3", "12000.00"),  # b3 is under teamlead under dirA
    ("ENT1", "F6", "2024-12-31", EA, "b1", "99999.00"),  # previous year: not counted
]
ATTAINMENT = ["report", "attainment", "--period", "2025"]
MATCHES = [(EA, "EA", "certain"), (EI, "EI", "probable")]

OBJECTIVES = OBJ_HEADER + (
    "O-b1,b1,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,60000,0.15,10000,\n"
    # dirA: 48 000 + 12 000 = 60 000 / 55 000 = 1.090909.. -> 1 + 0.0909../0.2*0.5 = 1.2272727..
    #   x 0.2 x 30 000 = 7363.64 (7363.636..)
    "O-dirA,dirA,manager,,2025-01-01,2025-12-31,inclusive_spend_eur,55000,0.2,30000,\n"
    # ENT2 share: 12 000 / 12 000 = 1 vs target 0.5 -> attainment 2 -> capped 1.5 x 0.1 x 8000
    "O-ent2,ceo,entity,ENT2,2025-01-01,2025-12-31,inclusive_share,0.5,0.1,8000,\n"
    # step curve: b2 certain 0 -> 0; probable 9 000
    "O-b2,b2,buyer,,2025-01-01,2025-12-31,inclusive_spend_eur,10000,0.1,5000,step 0.9:0.5 1:1\n"
)


@pytest.fixture
def loaded(org: Settings, tmp_path: Path) -> Settings:
    add_lines(org, LINES, MATCHES)
    load_objectives(write(tmp_path / "objectives.csv", OBJECTIVES), settings=org)
    return org


def _by_id(settings: Settings) -> dict[str, object]:
    return {r.objective_id: r for r in compute_attainment("2025", settings=settings)}


def test_hand_computed_payouts(loaded: Settings) -> None:
    r = _by_id(loaded)
    b1, dira, ent2, b2 = r["O-b1"], r["O-dirA"], r["O-ent2"], r["O-b2"]
    # b1: 50 000 - 2 000 (credit note) = 48 000 certain / 60 000 = 0.8 -> 50 % x 0.15 x 10 000
    assert (b1.actual, b1.attainment, b1.payout_rate) == (D("48000.00"), D("0.8"), D("0.5"))
    assert b1.payout_eur == D("750.00")
    assert dira.actual == D("60000.00")
    assert dira.attainment == D("1.090909")
    assert dira.payout_rate == D("1.227273")
    assert dira.payout_eur == D("7363.64")
    assert ent2.actual == D("1")
    assert ent2.attainment == D("2")
    assert ent2.payout_rate == D("1.5")
    assert ent2.payout_eur == D("1200.00")
    assert (b2.actual, b2.probable_actual, b2.payout_eur) == (D("0.00"), D("9000.00"), D("0.00"))
    assert {x.status for x in r.values()} == {"open"}


def test_cli_json_shape(loaded: Settings) -> None:
    result = CliRunner().invoke(
        app, ["report", "attainment", "--period", "2025", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["period"] == "2025"
    first = body["objectives"][0]
    assert list(first) == [
        "objective_id",
        "owner",
        "metric",
        "target",
        "actual",
        "attainment",
        "payout_rate",
        "weight",
        "variable_pay_eur",
        "payout_eur",
        "probable_actual",
        "status",
    ]
    by_id = {o["objective_id"]: o for o in body["objectives"]}
    assert by_id["O-dirA"]["payout_eur"] == 7363.64
    assert by_id["O-dirA"]["attainment"] == 1.090909
    owner = CliRunner().invoke(
        app, ["report", "attainment", "--period", "2025", "--owner", "b1", "--format", "csv"]
    )
    assert owner.exit_code == 0
    assert owner.output.splitlines()[1].startswith("O-b1,b1,inclusive_spend_eur,60000,48000.00")
    assert len(owner.output.splitlines()) == 2


def test_whatif(loaded: Settings) -> None:
    result = whatif("O-b1", extra=D("25000"), settings=loaded)
    levels = {lv["level"]: lv for lv in result["levels"]}
    assert levels["threshold"]["gap"] == 0 and levels["threshold"]["reached"]
    assert levels["target"]["gap_eur"] == D("12000.00")
    assert levels["target"]["payout_eur"] == D("1500.00")
    assert levels["cap"]["gap_eur"] == D("24000.00")
    assert levels["cap"]["payout_eur"] == D("2250.00")
    # 73 000 / 60 000 = 1.21666 -> capped at 150 %
    assert result["extra"]["payout_eur"] == D("2250.00")
    assert result["extra"]["payout_gain_eur"] == D("1500.00")
    share = whatif("O-ent2", extra=D("0"), settings=loaded)
    assert share["unit"] == "share" and share["levels"][2]["reached"]
    cli = CliRunner().invoke(app, ["objectives", "whatif", "O-b1", "--extra", "25000"])
    assert cli.exit_code == 0, cli.output
    assert "threshold" in cli.output and "2\u00a0250,00\u00a0€" in cli.output  # French table


def test_closed_period_does_not_move(loaded: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _by_id(loaded)
    summary = close_period("2025", reason="annual review", settings=loaded, actor="admin")
    assert summary["payouts"]["O-b1"] == "750.00"
    # a new extract: F3 (40 000, non-inclusive supplier) now goes to the EA supplier
    add_lines(loaded, [("ENT1", "F3", "2025-06-01", EA, "b1", "40000.00")], load_id=2)
    after = _by_id(loaded)
    b1 = after["O-b1"]
    assert b1.status == "closed"
    assert b1.payout_eur == before["O-b1"].payout_eur == D("750.00")
    assert b1.actual == D("48000.00")
    assert b1.restatement is not None
    assert b1.restatement.current_actual == D("88000.00")
    assert b1.restatement.actual_difference == D("40000.00")
    assert b1.restatement.current_payout_eur == D("2250.00")
    assert b1.restatement.payout_difference_eur == D("1500.00")
    body = json.loads(
        CliRunner()
        .invoke(app, ["report", "attainment", "--period", "2025", "--format", "json"])
        .output
    )
    o = {x["objective_id"]: x for x in body["objectives"]}["O-b1"]
    assert o["status"] == "closed" and o["restatement"]["payout_difference_eur"] == 1500.0
    # objectives of a closed period cannot be changed
    from pipelines.errors import UserError

    with pytest.raises(UserError, match="closed|clôturée"):
        load_objectives(write(loaded.home / "o.csv", OBJECTIVES), settings=loaded)
    # reopening: admins only, with a reason
    with pytest.raises(UserError, match="admin"):
        reopen_period("2025", reason="fix", settings=loaded, actor="b1")
    with pytest.raises(UserError, match="motif|reason"):
        reopen_period("2025", reason=" ", settings=loaded, actor="admin")
    reopen_period("2025", reason="supplier reclassified", settings=loaded, actor="admin")
    live = _by_id(loaded)["O-b1"]
    assert live.status == "open" and live.payout_eur == D("2250.00")


def test_override_after_closing_shows_as_restatement(loaded: Settings) -> None:
    from pipelines.objectives import period_restatement
    from pipelines.warehouse import connect_read

    assert period_restatement("2025", settings=loaded) is None
    close_period("2025", reason="paie", settings=loaded, actor="admin")
    con = connect_read(loaded)
    try:
        frozen = con.execute(
            "select count(*), sum(amount_eur) from closed_spend_lines where period = '2025'"
        ).fetchone()
    finally:
        con.close()
    assert frozen == (5, D("109000.00"))  # the 2024 line is not in the period
    # an analyst's override: the EA supplier is rejected (precedence 1 wins over the SIRET match)
    from pipelines.marts import refresh_marts
    from pipelines.warehouse import write_transaction

    with write_transaction(loaded) as con:
        con.execute(
            "insert into supplier_matches (supplier_key, precedence, rule, status) "
            "values (?, 1, 'override', 'none')",
            [EA],
        )
        refresh_marts(con, loaded)
    results = _by_id(loaded)
    b1 = results["O-b1"]
    assert b1.payout_eur == D("750.00") and b1.status == "closed"
    assert b1.restatement.current_actual == D("0.00")
    assert b1.restatement.payout_difference_eur == D("-750.00")
    rows = {r["figure"]: r for r in period_restatement("2025", settings=loaded)}
    assert rows["inclusive_spend_eur"]["closed"] == D("60000.00")
    assert rows["inclusive_spend_eur"]["current"] == D("0.00")
    assert rows["inclusive_spend_eur"]["difference"] == D("-60000.00")
    closed_total = D("750.00") + D("7363.64") + D("1200.00")
    assert rows["payout_eur"]["closed"] == closed_total
    assert rows["payout_eur"]["current"] == D("0.00")
