"""A DECP contract's duration (``dureeMois``) sets the end of its clause contract: renewals
ending within a horizon and the on-track rule use it; without one, a year is assumed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from pipelines.clauses.opportunities import ending_contracts
from pipelines.clauses.progress import progress_of
from pipelines.clauses.rules import last_day_of_term
from pipelines.cli import app
from pipelines.ingest.decp import duration_months
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseContract, ClauseDeclaration
from pipelines.warehouse import connect_read

REAL = Path(__file__).parent.parent / "real" / "decp" / "decp_2024_maximilien.json"
runner = CliRunner()


@pytest.mark.parametrize(
    ("start", "months", "last"),
    [
        (dt.date(2019, 6, 25), 36, dt.date(2022, 6, 24)),
        (dt.date(2025, 1, 1), 12, dt.date(2025, 12, 31)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 28)),  # no 31 February: the 29th, minus a day
        (dt.date(2023, 12, 15), 2, dt.date(2024, 2, 14)),
    ],
)
def test_last_day_of_term(start: dt.date, months: int, last: dt.date) -> None:
    assert last_day_of_term(start, months) == last


@pytest.mark.parametrize(
    ("value", "months"),
    [(42, 42), (12.0, 12), ("18", 18), (None, None), ("", None), (0, None), (-3, None),
     (2.5, None), ("douze", None), (True, None), (100000, None)],
)  # fmt: skip
def test_duration_months_reads_whole_months_only(value: object, months: int | None) -> None:
    assert duration_months(value) == months


def real_record(contract_id: str) -> dict:
    """One record of the real DECP file, read with plain json."""
    data = json.loads(REAL.read_text(encoding="utf-8-sig"))
    (record,) = [m for m in data["marches"]["marche"] if m["id"] == contract_id]
    return record


def test_a_real_decp_row_runs_for_its_duration(settings, cli_as, tmp_path: Path) -> None:
    # D2F2023S0302702 of GIP Maximilien: notified 2023-04-21, dureeMois 24, 95 000 EUR. Its only
    # change here: a social clause instead of none, so that it enters the register.
    record = real_record("D2F2023S0302702")
    assert (record["dateNotification"], record["dureeMois"]) == ("2023-04-21", 24)
    record["considerationsSociales"] = {"considerationSociale": ["Clause sociale"]}
    path = tmp_path / "decp.json"
    path.write_text(json.dumps({"marches": {"marche": [record]}}), encoding="utf-8")
    out = runner.invoke(app, ["ingest", str(path), "--format", "decp", "--quiet"])
    assert out.exit_code == 0, out.output
    con = connect_read(settings)
    try:
        stored = con.execute("select duration_months from decp_contracts").fetchall()
    finally:
        con.close()
    assert stored == [(24,)]
    out = runner.invoke(app, ["clauses", "from-decp"], env=cli_as("fac", role="facilitator"))
    assert out.exit_code == 0, out.output

    # by hand: 24 months from 2023-04-21 end on 2025-04-20 (a year's guess said 2024-04-20)
    with session_scope(settings) as s:
        (contract,) = s.scalars(select(ClauseContract))
    assert (contract.start_date, contract.end_date) == (dt.date(2023, 4, 21), dt.date(2025, 4, 20))

    # ending within the horizon: 2025-04-20 is 109 days after 2025-01-01
    assert [r["reference"] for r in ending_contracts([contract], dt.date(2025, 1, 1), 120)] == [
        contract.contract_id
    ]
    assert ending_contracts([contract], dt.date(2025, 1, 1), 100) == []
    assert ending_contracts([contract], dt.date(2024, 1, 1), 120) == []  # the year's guess

    # on track: at 2024-04-20, 366 of the 731 days have elapsed (50.1 %); 120 of 200 hours
    # declared (60 %) is on track. Under the year's guess the term would be over (100 %): late.
    contract.hours_required = Decimal("200")
    declaration = ClauseDeclaration(
        clause_id=contract.clause_id,
        period_start=dt.date(2023, 5, 1),
        period_end=dt.date(2024, 3, 31),
        participant_id="P-1",
        eligibility="rqth",
        modality="direct_hire",
        hours=Decimal("120"),
        employment_contract_signed=False,
    )
    row = progress_of(contract, [declaration], dt.date(2024, 4, 20))
    assert row.elapsed == Decimal(366) / Decimal(731)
    assert row.pace_status == "on_track"


def test_an_unreadable_duration_is_said_and_a_year_is_assumed(settings, cli_as, tmp_path):
    record = real_record("D2F2023S0302702")
    record["considerationsSociales"] = {"considerationSociale": ["Clause sociale"]}
    record["dureeMois"] = "vingt-quatre"
    path = tmp_path / "decp.json"
    path.write_text(json.dumps({"marches": {"marche": [record]}}), encoding="utf-8")
    out = runner.invoke(app, ["ingest", str(path), "--format", "decp"])
    assert out.exit_code == 0, out.output
    assert "enregistrement 1), colonne dureeMois, valeur « vingt-quatre »" in out.output
    runner.invoke(app, ["clauses", "from-decp"], env=cli_as("fac", role="facilitator"))
    with session_scope(settings) as s:
        (contract,) = s.scalars(select(ClauseContract))
    assert contract.end_date == dt.date(2024, 4, 20)  # 12 months from 2023-04-21
