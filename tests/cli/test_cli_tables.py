"""Tables of the command line speak the user's language (1 234 567,89 €, 2,2 %, a rounded
score, one column per kind); JSON and CSV stay machine formats with raw numbers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from pipelines.cli.common import OutputFormat, display_cell, echo_rows
from pipelines.formatting import NBSP
from pipelines.i18n import set_lang

ROW = {
    "spend_eur": Decimal("1234567.89"),
    "inclusive_share": 0.021947,
    "score": 97.95918273925781,
    "inclusive_suppliers": 12345,
    "load_id": 12345,
    "by_kind": {"ESAT": Decimal("1000.50"), "EA": Decimal("20")},
}


@pytest.mark.parametrize(
    ("column", "value", "fr", "en"),
    [
        ("spend_eur", Decimal("1234567.89"), "1 234 567,89 €", "€1,234,567.89"),
        ("inclusive_share", 0.021947, "2,2 %", "2.2%"),
        ("payout_rate", Decimal("0.5"), "50,0 %", "50.0%"),
        ("score", 97.95918273925781, "98,0", "98.0"),
        ("rows_loaded", 1234567, "1 234 567", "1,234,567"),
        ("load_id", 12345, "12345", "12345"),
        ("year", 2025, "2025", "2025"),
        ("hours", Decimal("1234.5"), "1 234,5", "1,234.5"),
        ("as_of", dt.date(2025, 12, 31), "31/12/2025", "2025-12-31"),
        ("is_active", True, "oui", "yes"),
        ("note", None, "", ""),
    ],
)
def test_a_cell_reads_like_the_language(column: str, value: object, fr: str, en: str) -> None:
    assert display_cell(column, value, "fr").replace(NBSP, " ") == fr
    assert display_cell(column, value, "en") == en


def test_by_kind_becomes_one_column_per_kind_in_the_kinds_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_lang("fr")
    echo_rows([ROW], OutputFormat.table, list(ROW))
    header, _rule, line = capsys.readouterr().out.replace(NBSP, " ").splitlines()
    assert header.split("  ") and [h.strip() for h in header.split("  ") if h.strip()] == [
        "Achats",
        "Part inclusive",
        "score",
        "Fournisseurs inclusifs",
        "Chargement",
        "EA",
        "ESAT",
    ]
    assert "{" not in line and "1 234 567,89 €" in line and "2,2 %" in line
    assert "20,00 €" in line and "1 000,50 €" in line and "98,0" in line


def test_json_and_csv_keep_raw_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    echo_rows([ROW], OutputFormat.json, list(ROW))
    (got,) = json.loads(capsys.readouterr().out)
    assert got["spend_eur"] == 1234567.89 and got["inclusive_share"] == 0.021947
    assert got["by_kind"] == {"ESAT": 1000.5, "EA": 20}
    echo_rows([ROW], OutputFormat.csv, list(ROW))
    header, line = capsys.readouterr().out.splitlines()
    assert header.startswith("spend_eur,inclusive_share,score")
    assert line.startswith("1234567.89,0.021947,97.95918273925781,12345,12345,")
