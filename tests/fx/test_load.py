"""`asr fx load` and `asr fx list`: rates reach the warehouse all or nothing, and lines that
waited in quarantine for a rate load when their file is loaded again."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.errors import UserError
from pipelines.ingest import ingest_files

LEDGER = (
    "Société;N° de facture;Date de facture;Fournisseur;Montant HT;Devise\n"
    "E1;F1;15/03/2024;Acme Inc;12 345,67;USD\n"
    "E1;F2;16/03/2024;Dupont;100,00;EUR\n"
)
RATES = "date;currency;rate\n2024-03-01;USD;1,0872\n2024-03-01;GBP;0,85445\n"


def _run(runner: CliRunner, *args: str) -> str:
    out = runner.invoke(app, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def _lines(runner: CliRunner) -> list[dict]:
    out = _run(
        runner, "report", "kpi", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"
    )
    return json.loads(out)


def test_quarantined_line_loads_after_its_rate(asr_home: Path, tmp_path: Path) -> None:
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    runner = CliRunner()
    ledger = tmp_path / "achats.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    rates = tmp_path / "taux.csv"
    rates.write_text(RATES, encoding="utf-8")

    settings = load_settings()
    (first,) = ingest_files([ledger], settings=settings)
    assert (first.rows_loaded, first.rows_quarantined) == (1, 1)

    out = _run(runner, "fx", "load", str(rates), "--format", "json")
    loaded = json.loads(out)
    assert (loaded["rates"], loaded["currencies"]) == (2, ["GBP", "USD"])
    assert loaded["files_to_reload"] == {str(ledger): 1}

    (second,) = ingest_files([ledger], settings=settings)
    assert (second.status, second.rows_loaded, second.rows_quarantined) == ("loaded", 2, 0)
    expected = (Decimal("12345.67") / Decimal("1.0872")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    con = connect_read(settings)
    try:
        rows = con.execute(
            "select invoice_id, amount_eur, amount_orig, currency from raw_ledger_lines "
            "order by invoice_id"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("F1", expected, Decimal("12345.67"), "USD"),
        ("F2", Decimal("100.00"), None, "EUR"),
    ]
    # nothing waits any more, and loading the same file a third time changes nothing
    loaded = json.loads(_run(runner, "fx", "load", str(rates), "--format", "json"))
    assert (loaded["files_to_reload"], loaded["replaced"]) == ({}, 2)
    (third,) = ingest_files([ledger], settings=settings)
    assert third.status == "unchanged"


def test_fx_list_formats_and_filter(asr_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    rates = tmp_path / "taux.csv"
    rates.write_text(RATES, encoding="utf-8")
    _run(runner, "fx", "load", str(rates))
    rows = json.loads(_run(runner, "fx", "list", "--currency", "usd", "--format", "json"))
    assert [(r["currency"], r["valid_from"], r["valid_to"], r["source"]) for r in rows] == [
        ("USD", "2024-03-01", None, "taux.csv")
    ]
    assert Decimal(str(rows[0]["rate_per_eur"])) == Decimal("1.0872")
    csv_out = _run(runner, "fx", "list", "--format", "csv")
    assert csv_out.splitlines()[0] == "currency,valid_from,valid_to,rate_per_eur,rate_to_eur,source"
    assert len(csv_out.splitlines()) == 3
    table = _run(runner, "fx", "list")
    assert "GBP" in table and "USD" in table


@pytest.mark.parametrize(
    "bad",
    [
        "date;currency;rate\n2024-04-01;USD;1,09\n2024-04-02;USD;-1\n",
        "date;currency;rate\n2024-04-01;USD;1,09\n2024-02-30;USD;1,1\n",
        "date;currency;rate\n2024-04-01;USD;1,09\n2024-04-02;DOLLAR;1,1\n",
        "what;is;this\n",
    ],
)
def test_a_bad_file_loads_nothing(asr_home: Path, tmp_path: Path, bad: str) -> None:
    runner = CliRunner()
    (tmp_path / "taux.csv").write_text(RATES, encoding="utf-8")
    (tmp_path / "achats.csv").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    _run(runner, "fx", "load", str(tmp_path / "taux.csv"))
    _run(runner, "ingest", str(tmp_path / "achats.csv"), "--quiet")
    before = (_lines(runner), _run(runner, "fx", "list", "--format", "json"))
    out = runner.invoke(app, ["fx", "load", str(tmp_path / "bad.csv")])
    assert out.exit_code != 0
    assert isinstance(out.exception, UserError)
    assert "bad.csv" in out.exception.fr and "ligne" in out.exception.fr
    assert (_lines(runner), _run(runner, "fx", "list", "--format", "json")) == before
