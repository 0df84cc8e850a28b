"""Exports never carry a live formula: hostile supplier names go through ingest and come out as
text starting with an apostrophe in every CSV/XLSX export (OWASP CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dashboard import downloads
from pipelines.cli import app
from pipelines.ingest import ingest_files
from pipelines.marts import refresh_marts
from pipelines.queries import explorer
from pipelines.queries.periods import Period
from pipelines.reports.annual import build_annual_report
from pipelines.safe_output import neutralise
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.warehouse import write_transaction

HOSTILE = {
    "80746931700018": '=HYPERLINK("http://x","y")',
    "51234567800012": "=cmd|' /C calc'!A0",
    "44306184100047": "@SUM(1+1)",
}
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcalc", "'\tcalc"),
        ("\rcalc", "'\rcalc"),
        ("ATELIER", "ATELIER"),
        ("", ""),
        ("a=b", "a=b"),
        (Decimal("-12.50"), Decimal("-12.50")),  # numbers stay numbers
        (-3, -3),
        (-1.5, -1.5),
        (None, None),
        (dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def _assert_safe_text(value: object) -> None:
    if isinstance(value, str) and value[1:].startswith(DANGEROUS_STARTS):
        assert value.startswith("'"), value
    if isinstance(value, str):
        assert not value.startswith(DANGEROUS_STARTS), value


@pytest.fixture
def hostile_warehouse(settings: Settings, tmp_path: Path) -> Settings:
    path = tmp_path / "grand_livre.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["entity", "invoice_id", "line_no", "invoice_date", "supplier_name", "siret",
             "buyer", "account", "category", "amount_eur"]
        )  # fmt: skip
        for i, (siret, name) in enumerate(HOSTILE.items()):
            writer.writerow(
                ["ACME", f"F{i}", 1, "2024-03-10", name, siret, "b1", "6061", "Nettoyage",
                 "1000,00"]
            )  # fmt: skip
        writer.writerow(
            ["ACME", "F9", 1, "2024-03-11", "OK", "40483304800022", "b1", "6061", "X", "=1+1"]
        )
    [result] = ingest_files([path], settings=settings)
    assert result.rows_loaded == 3 and result.rows_quarantined == 1
    with write_transaction(settings) as con:  # make them inclusive for the annual report
        for siret in HOSTILE:
            con.execute(
                "insert into supplier_matches (supplier_key, precedence, rule, status, kind,"
                " family, record_id, source, score) values (?, 2, 'siret', 'certain', 'EA',"
                " 'handicap', 1, 'test', 100)",
                [siret],
            )
        refresh_marts(con, settings)
    return settings


def _explorer_lines(settings: Settings):  # noqa: ANN202
    from pipelines.warehouse import connect_read

    con = connect_read(settings)
    try:
        frame, _ = explorer.lines(con, Period.year(2024), Scope.everything(), explorer.Filters())
    finally:
        con.close()
    return frame


def test_dashboard_csv_and_xlsx_downloads_are_neutralised(hostile_warehouse: Settings) -> None:
    frame = _explorer_lines(hostile_warehouse)
    for lang in ("fr", "en"):
        text = downloads.to_csv(frame, lang).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))
        cells = [c for r in rows for c in r]
        for name in HOSTILE.values():
            assert "'" + name in cells, (lang, name)
        for cell in cells:
            _assert_safe_text(cell)
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(frame)))
    values = [c for r in book.active.iter_rows() for c in r]  # type: ignore[union-attr]
    assert not any(c.data_type == "f" for c in values)
    texts = [c.value for c in values if isinstance(c.value, str)]
    for name in HOSTILE.values():
        assert "'" + name in texts
    for value in texts:
        _assert_safe_text(value)
    amounts = [c.value for c in values if isinstance(c.value, (int, float))]
    assert 1000 in amounts  # numbers stay numbers


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review", "list", "--format", "csv"], list(HOSTILE.values())),
        (["loads", "quarantine", "--format", "csv"], ["=1+1"]),
    ],
)
def test_cli_csv_is_neutralised(
    hostile_warehouse: Settings, args: list[str], expected: list[str]
) -> None:
    if args[0] == "review":  # no directory loaded: classifying leaves them all unmatched
        assert CliRunner().invoke(app, ["classify"]).exit_code == 0
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    cells = [c for r in csv.reader(io.StringIO(result.stdout)) for c in r]
    for name in expected:
        assert "'" + name in cells, (name, result.stdout)
    for cell in cells:
        _assert_safe_text(cell)


def test_annual_xlsx_is_neutralised(hostile_warehouse: Settings) -> None:
    body = build_annual_report(2024, "xlsx", settings=hostile_warehouse, charts=False)
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [c for ws in book.worksheets for r in ws.iter_rows() for c in r]
    assert not any(c.data_type == "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for name in HOSTILE.values():
        assert "'" + name in texts, name
    for value in texts:
        _assert_safe_text(value)


def test_objectives_export_is_neutralised(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.objectives import definitions

    spec = definitions.ObjectiveSpec(  # type: ignore[call-arg]
        **{
            **{c: None for c in definitions.OBJECTIVE_COLUMNS},
            "objective_id": '=HYPERLINK("http://x","y")',
            "owner": "@SUM(1+1)",
            "target": Decimal("-5"),
        }
    )
    monkeypatch.setattr(definitions, "list_objectives", lambda settings=None: [spec])
    text = definitions.export_objectives(tmp_path / "o.csv", settings=settings)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["objective_id"] == '\'=HYPERLINK("http://x","y")'
    assert row["owner"] == "'@SUM(1+1)"
    assert row["target"] == "-5"  # a number, not text: left as is
    definitions.export_objectives(tmp_path / "o.xlsx", settings=settings)
    sheet = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    cells = [c for r in sheet.iter_rows() for c in r]  # type: ignore[union-attr]
    assert not any(c.data_type == "f" for c in cells)
    assert "'@SUM(1+1)" in [c.value for c in cells]
