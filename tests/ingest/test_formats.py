from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.ingest import ingest_files
from pipelines.settings import Settings
from tests.ingest.conftest import query, totals

D = Decimal


def test_fec_spend_only_from_purchase_accounts(settings: Settings, fixtures: Path) -> None:
    fec = fixtures / "123456789FEC20241231.txt"
    (result,) = ingest_files([fec], suppliers=fixtures / "suppliers_master.csv", settings=settings)
    assert result.format == "fec" and result.entity == "123456789"  # entity from the file name
    # 1000 (606) + 2500 (2183) + 300.50 (6226) - 150 (credit note); no VAT, payment, payroll, tax
    assert totals(settings) == (4, D("3650.50"))
    rows = query(
        settings,
        "select invoice_id, line_no, account, supplier_code, supplier_name, siret, post_code, "
        "buyer from raw_ledger_lines order by source_row",
    )
    assert rows[0] == (
        "HA-HA0001", 1, "60630000", "ATNORD", "Ateliers du Nord", "80746931700018", "59000",
        "Hélène",
    )  # fmt: skip
    assert rows[2][:2] == ("HA-HA0002", 2)
    assert rows[1][5] == "05442045900018"  # master SIRET padded
    accounts = {r[2][:2] for r in rows}
    assert accounts <= {"60", "61", "62", "20", "21", "23"}


def test_fec_replaces_the_fiscal_year(settings: Settings, fixtures: Path, tmp_path: Path) -> None:
    fec = fixtures / "123456789FEC20241231.txt"
    ingest_files([fec], settings=settings)
    other = tmp_path / "ledger.csv"
    other.write_text(
        "Société;N° de facture;Date de facture;Fournisseur;Montant HT\n"
        "123456789;X1;10/06/2024;Dupont;99,00\n"
        "123456789;X2;10/06/2023;Dupont;11,00\n",
        encoding="utf-8",
    )
    ingest_files([other], settings=settings)
    assert totals(settings) == (6, D("3650.50") + 110)
    corrected = tmp_path / "123456789FEC20241231.txt"
    corrected.write_text(fec.read_text(encoding="utf-8").replace("2 500,00", "2 400,00"))
    (result,) = ingest_files([corrected], settings=settings)
    # the 2024 ledger line and the old FEC lines are replaced; 2023 stays
    assert result.rows_replaced == 5
    assert totals(settings) == (5, D("3550.50") + 11)


def test_fec_montant_sens_variant(settings: Settings, fixtures: Path) -> None:
    (result,) = ingest_files([fixtures / "fec_montant_sens.txt"], entity="B", settings=settings)
    assert result.delimiter == "|" and result.rows_loaded == 1 and result.rows_quarantined == 1
    assert totals(settings) == (1, D("500.00"))
    assert query(settings, "select reason from quarantine")[0][0].startswith("montant illisible")


def test_fec_needs_an_entity(settings: Settings, fixtures: Path) -> None:
    with pytest.raises(UserError, match="--entity"):
        ingest_files([fixtures / "fec_montant_sens.txt"], settings=settings)


def test_lemarche_template(settings: Settings, fixtures: Path) -> None:
    path = fixtures / "lemarche_template.csv"
    with pytest.raises(UserError, match="--year"):
        ingest_files([path], settings=settings)
    (result,) = ingest_files([path], year=2024, settings=settings)
    assert result.format == "lemarche"
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1)
    assert totals(settings) == (2, D("15500.00"))
    dates = query(settings, "select distinct invoice_date, entity from raw_ledger_lines")
    assert dates == [(dt.date(2024, 12, 31), "Mairie de Test")]
    ingest_files([path], year=2024, fmt="lemarche", entity="X", settings=settings)
    assert totals(settings)[1] == D("15500.00") * 1  # other entity column wins, same lines


def test_decp_json_and_flat_csv(settings: Settings, fixtures: Path) -> None:
    (j,) = ingest_files([fixtures / "decp_2024.json"], settings=settings)
    assert j.format == "decp" and j.contracts_loaded == 3 and j.rows_quarantined == 1
    contracts = query(
        settings,
        "select contract_id, amount_eur, has_social_consideration, is_reserved "
        "from decp_contracts order by 1",
    )
    assert contracts == [
        ("2024-001", D("45000.50"), True, False),
        ("2024-002", None, True, True),  # 1e17 placeholder amount dropped
        ("2024-004", D("1200.00"), False, False),
    ]
    holders = query(
        settings, "select siret, siren from decp_holders where contract_uid like '%2024-002'"
    )
    assert sorted(holders, key=str) == sorted(
        [("05442045900018", "054420459"), (None, None)], key=str
    )
    (c,) = ingest_files([fixtures / "decp_flat.csv"], settings=settings)
    assert c.rows_replaced == 1 and c.contracts_loaded == 2
    assert query(settings, "select count(*) from decp_contracts") == [(4,)]
    assert query(
        settings,
        "select count(*) from decp_holders where contract_uid = '215900016000102024-001'",
    ) == [(2,)]
    assert query(settings, "select siret, siren from decp_holders where id_type = 'SIREN'") == [
        (None, "123456789")
    ]


def test_xlsx_with_title_rows(settings: Settings, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Export achats 2024"])
    ws.append([])
    ws.append(["Société", "N° de facture", "Date de facture", "Raison sociale fournisseur",
               "SIRET fournisseur", "Montant HT (EUR)"])  # fmt: skip
    ws.append(["ACME", "F1", dt.datetime(2024, 1, 5), "Élan", 5442045900018, 1234.56])
    ws.append(["ACME", "F1", dt.datetime(2024, 1, 5), "Élan", 5442045900018, -34.56])
    ws.append(["ACME", 1002, "05/02/2024", "Élan", "807 469 317 00018", "1 000,10"])
    other = wb.create_sheet("Autre")
    other.append(["N° de facture", "Date", "Fournisseur", "Montant"])
    other.append(["Z9", "2024-03-01", "Zed", 5])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    (result,) = ingest_files([path], settings=settings)
    assert result.format == "xlsx" and result.rows_quarantined == 0
    assert totals(settings) == (3, D("2200.10"))
    rows = query(settings, "select source_row, invoice_id, siret from raw_ledger_lines order by 1")
    assert rows[0] == (4, "F1", "05442045900018") and rows[2][1] == "1002"
    (second,) = ingest_files([path], sheet="Autre", entity="ACME", settings=settings)
    assert second.rows_loaded == 1
    with pytest.raises(UserError, match="Nope"):
        ingest_files([path], sheet="Nope", entity="ACME", settings=settings)


def test_supplier_master_fills_plain_ledger(
    settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "l.csv"
    ledger.write_text(
        "invoice_id,invoice_date,supplier_code,amount_eur\nI1,20240105,ESATSUD,10.5\n",
        encoding="utf-8",
    )
    ingest_files(
        [ledger], entity="E", suppliers=fixtures / "suppliers_master.csv", settings=settings
    )
    assert query(
        settings,
        "select supplier_name, siret, post_code, buyer, invoice_date from raw_ledger_lines",
    ) == [("ESAT du Sud", "05442045900018", "13001", "Zoé", dt.date(2024, 1, 5))]


def test_currency_needs_a_rate(settings: Settings, tmp_path: Path) -> None:
    from pipelines.warehouse import write_transaction

    with write_transaction(settings) as con:
        con.execute(
            "insert into fx_rates (currency, valid_from, valid_to, rate_to_eur) "
            "values ('USD', date '2024-01-01', null, 0.9)"
        )
    ledger = tmp_path / "fx.csv"
    ledger.write_text(
        "entity;invoice_id;invoice_date;supplier_name;amount_eur;currency\n"
        "E;U1;2024-02-01;Acme Inc;100,00;USD\n"
        "E;G1;2024-02-01;Acme Ltd;100,00;GBP\n",
        encoding="utf-8",
    )
    (result,) = ingest_files([ledger], settings=settings)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert query(settings, "select amount_eur, amount_orig, currency from raw_ledger_lines") == [
        (D("90.00"), D("100.00"), "USD")
    ]
    assert query(settings, "select column_name, value from quarantine") == [("currency", "GBP")]


def test_mapping_file(settings: Settings, tmp_path: Path) -> None:
    ledger = tmp_path / "odd.csv"
    ledger.write_text("Ref;Quand;Qui;Combien\nR1;01/02/2024;Dupont;1,5\n", encoding="utf-8")
    with pytest.raises(UserError):
        ingest_files([ledger], entity="E", settings=settings)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "invoice_id: Ref\ninvoice_date: Quand\nsupplier_name: Qui\namount_eur: Combien\n",
        encoding="utf-8",
    )
    (result,) = ingest_files([ledger], entity="E", mapping=mapping, settings=settings)
    assert result.column_mapping == {
        "Ref": "invoice_id", "Quand": "invoice_date", "Qui": "supplier_name",
        "Combien": "amount_eur",
    }  # fmt: skip
    assert totals(settings) == (1, D("1.50"))
