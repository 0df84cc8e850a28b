"""`asr ingest` classifies what it loaded, so that new suppliers count at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.classify.review import supplier_explanation
from pipelines.cli import app
from pipelines.settings import load_settings
from pipelines.warehouse import connect_read

REFERENCE = "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
REFERENCE += "80746931700018;;BALUCHON;EI;93230;2020-01-01;;test\n"
LEDGER = (
    "Société;N° de facture;Date de facture;Raison sociale fournisseur;SIRET fournisseur;"
    "Montant HT (EUR)\n"
    "E1;F1;15/03/2025;Baluchon;807 469 317 00018;1 234,56\n"
    "E1;F2;16/03/2025;Autre;44306184100013;100,00\n"
)


def _kpi(runner: CliRunner) -> dict:
    out = runner.invoke(
        app, ["report", "kpi", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_ingest_classifies_unless_told_not_to(asr_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "ref.csv").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "ledger.csv").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "ledger2.csv").write_text(LEDGER.replace("F1", "F3"), encoding="utf-8")
    out = runner.invoke(app, ["reference", "load", str(tmp_path / "ref.csv"), "--source", "csv"])
    assert out.exit_code == 0, out.output

    out = runner.invoke(app, ["ingest", str(tmp_path / "ledger.csv"), "--quiet", "--no-classify"])
    assert out.exit_code == 0, out.output
    assert _kpi(runner)["inclusive_spend_eur"] == 0

    out = runner.invoke(app, ["ingest", str(tmp_path / "ledger2.csv"), "--quiet"])
    assert out.exit_code == 0, out.output
    # both ledgers' Baluchon lines now count: the classification covers every supplier
    assert _kpi(runner)["inclusive_spend_eur"] == 2469.12


def test_excel_siret_numbers_get_their_leading_zeros_back(asr_home: Path, tmp_path: Path) -> None:
    """SIRET cells stored as numbers lose every leading zero: 00542045000016 reads 542045000016.
    The padded number passes its check digit, so it is the supplier's SIRET and matches."""
    import openpyxl

    runner = CliRunner()
    siret = "00542045000016"  # SIREN 005 420 450
    (tmp_path / "ref.csv").write_text(
        "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
        f"{siret};;Atelier du Zéro;EA;75011;2020-01-01;;test\n",
        encoding="utf-8",
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Société", "N° de facture", "Date de facture", "Fournisseur", "SIRET", "Montant HT"])
    ws.append(["E1", "F1", "15/03/2025", "Atelier du Zero", int(siret), 1500.25])  # a number
    ws.append(["E1", "F2", "16/03/2025", "Atelier du Zero", float(siret), 99.75])  # a float
    wb.save(tmp_path / "ledger.xlsx")
    out = runner.invoke(app, ["reference", "load", str(tmp_path / "ref.csv"), "--source", "csv"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["ingest", str(tmp_path / "ledger.xlsx"), "--quiet"])
    assert out.exit_code == 0, out.output
    kpi = _kpi(runner)
    assert (kpi["inclusive_spend_eur"], kpi["probable_spend_eur"]) == (1600.0, 0)


@pytest.mark.parametrize(
    ("ledger_name", "certain", "probable"),
    [
        # The real case: an unrelated supplier shares the directory record's filler SIRET.
        ("Transports Durand", 0.0, 75000.0),
        # Same number and the names agree: certain again.
        ("Atelier Solidaire SARL", 75000.0, 0.0),
    ],
)
def test_placeholder_siret_match_is_probable_unless_names_agree(
    asr_home: Path, tmp_path: Path, ledger_name: str, certain: float, probable: float
) -> None:
    runner = CliRunner()
    (tmp_path / "ref.csv").write_text(
        "siret;siren;name;kind;post_code;valid_from;valid_to;source\n"
        "12345678901234;;Atelier Solidaire;EI;69003;2020-01-01;;test\n",
        encoding="utf-8",
    )
    (tmp_path / "ledger.csv").write_text(
        "Société;N° de facture;Date de facture;Raison sociale fournisseur;SIRET fournisseur;"
        f"Montant HT (EUR)\nE1;F1;15/03/2025;{ledger_name};12345678901234;75 000,00\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["reference", "load", str(tmp_path / "ref.csv"), "--source", "csv"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["ingest", str(tmp_path / "ledger.csv"), "--quiet"])
    assert out.exit_code == 0, out.output
    kpi = _kpi(runner)
    assert (kpi["inclusive_spend_eur"], kpi["probable_spend_eur"]) == (certain, probable)
    con = connect_read(load_settings())
    try:
        headline = supplier_explanation(con, "12345678901234")
    finally:
        con.close()
    assert headline is not None
    assert headline["status"] == ("probable" if probable else "certain")
    assert "numéro invalide / fictif" in headline["explanation"]
    assert ("à confirmer" in headline["explanation"]) == bool(probable)
