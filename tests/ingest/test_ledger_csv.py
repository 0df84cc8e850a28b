from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.ingest import ingest_files
from pipelines.settings import Settings
from tests.ingest.conftest import query, totals


def test_canonical_csv_loads_every_line(settings: Settings, fixtures: Path) -> None:
    (result,) = ingest_files([fixtures / "canonical.csv"], settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)
    assert result.column_mapping["amount_eur"] == "amount_eur"
    assert totals(settings) == (3, Decimal("1284.25"))
    rows = query(settings, "select siret, currency from raw_ledger_lines order by source_row")
    assert rows[2] == ("05442045900018", "EUR")  # 13-digit SIRET padded
    assert rows[1][1] == "EUR"  # missing currency = EUR
    marts = query(settings, "select count(*), sum(amount_eur) from fct_spend_lines")
    assert marts == [(3, Decimal("1284.25"))]


def test_french_cp1252_export(settings: Settings, fixtures: Path) -> None:
    (result,) = ingest_files([fixtures / "french_cp1252.csv"], settings=settings)
    assert result.encoding == "cp1252"
    assert result.decimal_separator == ","
    assert result.column_mapping["N° de facture"] == "invoice_id"
    assert result.column_mapping["Montant HT (EUR)"] == "amount_eur"
    assert (result.rows_loaded, result.rows_quarantined) == (3, 2)
    rows = query(
        settings,
        "select invoice_id, line_no, invoice_date, supplier_name, post_code, buyer, amount_eur "
        "from raw_ledger_lines order by source_row",
    )
    assert rows[0] == (
        "FA-1", 1, dt.date(2024, 1, 15), "Ateliers du Nord Élan", "59000", "Hélène",
        Decimal("1234.50"),
    )  # fmt: skip
    assert rows[1][1] == 2  # line number = order inside the invoice
    assert rows[2][4] == "08000" and rows[2][6] == Decimal("-50.25")  # credit note
    quarantined = query(settings, "select row_no, column_name, value from quarantine order by 1")
    assert quarantined == [(5, "Date de facture", "31/02/2024"), (6, "Montant HT (EUR)", "abc")]


def test_same_file_twice_changes_nothing(settings: Settings, fixtures: Path) -> None:
    ingest_files([fixtures / "french_cp1252.csv"], settings=settings)
    before = totals(settings)
    (again,) = ingest_files([fixtures / "french_cp1252.csv"], settings=settings)
    assert again.status == "unchanged"
    assert totals(settings) == before
    assert query(settings, "select count(*) from quarantine") == [(2,)]


def test_overlapping_extract_replaces_invoices(
    settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    ingest_files([fixtures / "canonical.csv"], settings=settings)
    newer = tmp_path / "newer.csv"
    newer.write_text(
        "entity;invoice_id;line_no;invoice_date;supplier_name;amount_eur\n"
        "ACME;F002;1;2024-02-01;Blanchisserie;-60.25\n"
        "ACME;F003;1;2024-03-01;Blanchisserie;10.00\n",
        encoding="utf-8",
    )
    (result,) = ingest_files([newer], settings=settings)
    assert result.rows_replaced == 1
    assert totals(settings) == (4, Decimal("1234.50") + Decimal("100.00") - Decimal("60.25") + 10)
    # loading it again moves nothing
    ingest_files([newer], settings=settings)
    assert totals(settings) == (4, Decimal("1284.25"))


def test_missing_required_column_refused(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Fournisseur;Montant\nX;12,00\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        ingest_files([bad], entity="ACME", settings=settings)
    assert "bad.csv" in info.value.fr and "N° de facture" in info.value.fr
    assert not settings.warehouse_path.exists() or totals(settings) == (0, 0)


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "vide"), (b"\x00\x01\x02binary\x00", "binaire"), (b"PK\x03\x04zzzz", "binaire")],
)
def test_unreadable_file_loads_nothing(
    settings: Settings, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as info:
        ingest_files([path], entity="ACME", settings=settings)
    assert words in info.value.fr and "in.csv" in info.value.fr


def test_dry_run_writes_nothing(settings: Settings, fixtures: Path) -> None:
    (result,) = ingest_files([fixtures / "canonical.csv"], dry_run=True, settings=settings)
    assert result.status == "dry-run" and result.rows_loaded == 3
    assert totals(settings) == (0, 0)


def test_row_numbers_survive_empty_rows(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "Export du 01/03/2024\n"
        "N° de facture;Date de facture;Fournisseur;Montant HT\n"
        "A1;01/02/2024;X;1,00\n"
        ";;;\n"
        "A2;01/02/2024;X;oops\n",
        encoding="utf-8",
    )
    (result,) = ingest_files([path], entity="E", settings=settings)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2, 1, 1)
    assert query(settings, "select source_row from raw_ledger_lines") == [(3,)]
    assert query(settings, "select row_no, value from quarantine") == [(5, "oops")]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("N° de facture", "invoice_id"),
        ("No facture", "invoice_id"),
        ("Invoice No.", "invoice_id"),
        ("MONTANT HT (€)", "amount_eur"),
        ("Montant H.T. en euros", "amount_eur"),
        ("Raison sociale fournisseur", "supplier_name"),
        ("SIRET du fournisseur", "siret"),
        ("C.P. fournisseur", "post_code"),
        ("CP fournisseur", "post_code"),
        ("Catégorie d'achat", "category"),
        ("compte_general", "account"),
        ("Société", "entity"),
        ("Date de facture", "invoice_date"),
        ("Montant TTC", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    from pipelines.ingest.headers import field_for_header

    assert field_for_header(header) == field
