"""An objectives file, a contracts file, a ledger and a command-line option read the same text
the same way (one rule: pipelines/textinput.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.settings import Settings

TEXTS = [
    ("1 234,56", Decimal("1234.56")),
    ("1\u202f234,56", Decimal("1234.56")),
    ("1\u00a0234,56", Decimal("1234.56")),
    ("1.234,56", Decimal("1234.56")),
    ("1234.56", Decimal("1234.56")),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_objectives_row(text: str, expected: Decimal) -> None:
    from pipelines.objectives.definitions import _validate_row

    cells = {
        "objective_id": "O1",
        "owner": "b1",
        "scope_type": "all",
        "scope_value": "",
        "period_start": "01/01/2026",
        "period_end": "2026-12-31",
        "metric": "inclusive_spend_eur",
        "target": text,
        "weight": "0,5",
        "variable_pay_eur": text,
        "curve": "",
    }
    spec, problems = _validate_row(2, cells, {"b1"})
    assert problems == []
    assert spec is not None
    assert (spec.target, spec.variable_pay_eur, spec.weight) == (expected, expected, Decimal("0.5"))
    assert spec.period_start == dt.date(2026, 1, 1)


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_contracts_row(text: str, expected: Decimal) -> None:
    from pipelines.reports.contracts import parse_rows

    rows = [
        ["contrat", "fournisseur", "entité", "début", "fin", "montant"],
        ["K1", "ACME", "E", "01/01/2026", "2026-12-31", text],
    ]
    [contract] = parse_rows(rows, "c.csv")
    assert contract.amount_eur == expected


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_cli_option(text: str, expected: Decimal) -> None:
    from pipelines.cli.common import parse_number_option
    from pipelines.cli.reports import _decimal

    assert parse_number_option(text, "--x") == expected
    assert _decimal(text, "--x") == expected


def test_ledger(settings: Settings, tmp_path: Path) -> None:
    """A ledger column has one decimal separator (found from a sample of the column), so a
    decimal-comma file reads the comma writings; "1234.56" reads the same in a point file."""
    from pipelines.ingest import ingest_files
    from tests.ingest.conftest import query

    comma = [t for t in TEXTS if "," in t[0]]
    body = "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n" + "".join(
        f"S1;F{i};01/01/2026;A;{text}\n" for i, (text, _) in enumerate(comma)
    )
    path = tmp_path / "l.csv"
    path.write_text(body, encoding="utf-8")
    ingest_files([path], settings=settings)
    got = query(settings, "select invoice_id, amount_eur from raw_ledger_lines order by 1")
    assert got == [(f"F{i}", expected) for i, (_, expected) in enumerate(comma)]
    point = tmp_path / "p.csv"
    point.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
        "S1;P1;01/01/2026;A;1234.56\nS1;P2;01/01/2026;A;1,234.56\n",
        encoding="utf-8",
    )
    ingest_files([point], settings=settings)
    got = query(settings, "select amount_eur from raw_ledger_lines where invoice_id like 'P%'")
    assert got == [(Decimal("1234.56"),), (Decimal("1234.56"),)]
