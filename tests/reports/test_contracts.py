import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pipelines.errors import UserError
from pipelines.reports.contracts import load_contracts, parse_rows, read_contracts
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reports"


def test_french_csv_fixture() -> None:
    contracts = read_contracts(FIXTURES / "contracts_fr.csv")
    assert [c.contract_id for c in contracts] == ["2024-001", "2024-002"]
    first = contracts[0]
    assert first.supplier_siret == "44306184100047" and first.supplier_name is None
    assert first.start_date == dt.date(2024, 7, 1) and first.end_date == dt.date(2025, 6, 30)
    assert first.amount_eur == Decimal("90000.00") and first.hours_achieved == Decimal("730")
    assert contracts[1].supplier_siret is None and contracts[1].supplier_name == "BTP Dupont"


def test_missing_column_names_file_and_columns() -> None:
    with pytest.raises(UserError) as err:
        parse_rows([["contrat", "fournisseur", "début", "fin"]], "x.csv")
    assert "x.csv" in err.value.fr and "entity" in err.value.fr and "contrat" in err.value.fr


def test_bad_rows_name_row_column_value_and_load_nothing() -> None:
    rows = [
        ["contrat", "fournisseur", "entité", "début", "fin", "heures réalisées"],
        ["C1", "ACME", "E", "2024-01-01", "2024-12-31", "10"],
        ["C2", "ACME", "E", "31/13/2024", "2024-12-31", "dix"],
        ["C3", "12345", "E", "2024-03-01", "2024-02-01", "-5"],
        ["C1", "ACME", "E", "2024-01-01", "2024-12-31", "1"],
    ]
    with pytest.raises(UserError) as err:
        parse_rows(rows, "c.csv")
    msg = err.value.fr
    assert "ligne 3, colonne start, valeur « 31/13/2024 »" in msg
    assert "ligne 3, colonne hours_achieved, valeur « dix »" in msg
    assert "ligne 4, colonne end" in msg and "ligne 4, colonne supplier" in msg
    assert "ligne 4, colonne hours_achieved" in msg
    assert "ligne 5, colonne contract_id" in msg and "double" in msg
    assert "row 3, column start" in err.value.en


def test_xlsx_and_reload_replaces(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "c.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "contract_id",
            "supplier",
            "entity",
            "start",
            "end",
            "amount_eur",
            "hours_required",
            "hours_achieved",
        ]
    )
    sheet.append(
        [
            "K1",
            44306184100047,
            "ACME",
            dt.datetime(2024, 1, 1),
            dt.datetime(2024, 12, 31),
            1000.5,
            100,
            80,
        ]
    )
    book.save(path)
    contracts = read_contracts(path)
    assert contracts[0].supplier_siret == "44306184100047"
    assert contracts[0].amount_eur == Decimal("1000.50")
    with write_transaction(settings) as con:
        first = load_contracts(con, contracts, file="c.xlsx", actor="t")
    with write_transaction(settings) as con:
        second = load_contracts(con, contracts, file="c.xlsx", actor="t")
    assert first == {"rows": 1, "inserted": 1, "replaced": 0, "rounded": 0}
    assert second == {"rows": 1, "inserted": 0, "replaced": 1, "rounded": 0}
    con = connect_read(settings)
    try:
        assert con.execute("select count(*) from social_clause_contracts").fetchone() == (1,)
    finally:
        con.close()


def test_unsupported_file(tmp_path: Path) -> None:
    path = tmp_path / "c.pdf"
    path.write_text("x")
    with pytest.raises(UserError, match="c.pdf"):
        read_contracts(path)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "\r\r\n"])
def test_csv_any_line_end_and_amounts_like_a_ledger(tmp_path: Path, ending: str) -> None:
    lines = [
        "contrat;fournisseur;entité;début;fin;montant HT",
        "K1;ACME\tBTP;E1;01/07/2024;30/06/2025;1\u00a0234,56",
        "K2;44306184100047;E1;2024-07-01;2025-06-30;0,125",
    ]
    path = tmp_path / "c.csv"
    path.write_bytes((ending.join(lines) + ending).encode("cp1252"))
    contracts = read_contracts(path)
    got = [(c.contract_id, c.supplier_name, c.amount_eur, c.amount_rounded) for c in contracts]
    assert got == [
        ("K1", "ACME BTP", Decimal("1234.56"), False),
        ("K2", None, Decimal("0.13"), True),
    ]


def test_impossible_date_is_named_so() -> None:
    rows = [
        ["contrat", "fournisseur", "entité", "début", "fin"],
        ["C1", "ACME", "E", "31/02/2024", "2024-12-31"],
    ]
    with pytest.raises(UserError) as err:
        parse_rows(rows, "c.csv")
    assert "ligne 2, colonne start, valeur « 31/02/2024 » : date impossible" in err.value.fr
