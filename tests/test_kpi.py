"""The KPI SQL on a tiny given/expect dataset (DOMAIN.md sections 4, 6 and 7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.kpi import kpi_report, kpi_rows, kpi_summary
from pipelines.marts import refresh_marts
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction

D = Decimal

# entity, invoice, line, date, supplier_code, siret, buyer, account, category, amount
LINES = [
    ("E1", "F1", 1, "2025-01-10", "S-EI", "11111111100011", "B1", "6283", "Nettoyage", "1000.10"),
    ("E1", "F1", 2, "2025-01-10", "S-EI", "11111111100011", "B1", "6283", "Nettoyage", "-100.05"),
    ("E1", "F2", 1, "2025-02-01", "S-EA", "22222222200022", "B1", "6156", "Informatique", "500.00"),
    ("E1", "F3", 1, "2025-03-01", "S-ORD", "33333333300033", "B2", "6226", "Conseil", "8000.00"),
    (
        "E2",
        "F4",
        1,
        "2025-03-15",
        "S-ESS",
        "44444444400044",
        "B3",
        "6257",
        "Restauration",
        "300.00",
    ),
    ("E2", "F5", 1, "2025-04-01", "S-PROB", None, "B3", "6152", "Espaces verts", "250.00"),
    ("E2", "F6", 1, "2025-05-01", "S-RENT", "55555555500055", "B3", "6132", "Loyers", "5000.00"),
    # the EI's convention ended on 2025-06-30: this line is not inclusive
    ("E1", "F7", 1, "2025-07-01", "S-EI", "11111111100011", "B1", "6283", "Nettoyage", "700.00"),
    # outside the period
    ("E1", "F8", 1, "2026-01-05", "S-EA", "22222222200022", "B1", "6156", "Informatique", "999.99"),
]

# supplier_key, precedence, rule, status, kind, family, valid_from, valid_to
MATCHES = [
    ("11111111100011", 2, "siret", "certain", "EI", "insertion", "2020-01-01", "2025-06-30"),
    ("22222222200022", 2, "siret", "certain", "EA", "handicap", None, None),
    # the EA also has an ESS record: handicap is its primary kind
    ("22222222200022", 3, "siren", "certain", "ESS", "ess", None, None),
    ("44444444400044", 3, "siren", "certain", "ESS", "ess", None, None),
    ("code:E2:S-PROB", 4, "name", "probable", "ACI", "insertion", None, None),
]


@pytest.fixture
def warehouse(settings: Settings):
    with write_transaction(settings) as con:
        con.executemany(
            "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
            "invoice_date, supplier_code, supplier_name, siret, buyer, account, category, "
            "amount_eur) "
            "values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (i, e, f, n, d, s, s, siret, b, a, c, amt)
                for i, (e, f, n, d, s, siret, b, a, c, amt) in enumerate(LINES)
            ],
        )
        con.executemany(
            "insert into supplier_matches (supplier_key, precedence, rule, status, kind, family, "
            "valid_from, valid_to) values (?, ?, ?, ?, ?, ?, ?, ?)",
            MATCHES,
        )
        con.execute("insert into exclusions values ('category', 'Loyers', 'rent')")
        con.execute(
            "insert into dim_people values ('B1', 'b1', null, 'M1', 'E1', 'buyer'), "
            "('B2', 'b2', null, 'M1', 'E1', 'buyer'), ('B3', 'b3', null, 'M2', 'E2', 'buyer')"
        )
        refresh_marts(con, settings)
    con = connect_read(settings)
    yield con
    con.close()


Y2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_summary(warehouse, settings: Settings) -> None:
    got = kpi_summary(warehouse, *Y2025, settings=settings)
    assert got["spend_eur"] == D("15650.05")
    assert got["addressable_spend_eur"] == D("10650.05")
    assert got["insertion_spend_eur"] == D("900.05")
    assert got["handicap_spend_eur"] == D("500.00")
    assert got["inclusive_spend_eur"] == D("1400.05")
    assert got["ess_spend_eur"] == D("300.00")
    assert got["probable_spend_eur"] == D("250.00")
    assert got["inclusive_suppliers"] == 2
    assert got["by_kind"] == {"EA": D("500.00"), "EI": D("900.05"), "ESS": D("300.00")}
    assert got["inclusive_share"] == pytest.approx(1400.05 / 10650.05, abs=1e-6)


def test_include_probable_adds_probable_spend(warehouse, settings: Settings) -> None:
    got = kpi_summary(warehouse, *Y2025, include_probable=True, settings=settings)
    assert got["inclusive_spend_eur"] == D("1650.05")


def test_ess_inside_inclusive_when_set(warehouse, settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("ASR_ESS_IN_INCLUSIVE", "1")
    from pipelines.settings import load_settings

    got = kpi_summary(warehouse, *Y2025, settings=load_settings())
    assert got["inclusive_spend_eur"] == D("1700.05")


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("entity", {"E1": D("1400.05"), "E2": D("0.00")}),
        ("buyer", {"B1": D("1400.05"), "B2": D("0.00"), "B3": D("0.00")}),
        ("manager", {"M1": D("1400.05"), "M2": D("0.00")}),
        (
            "family",
            {
                "insertion": D("900.05"),
                "handicap": D("500.00"),
                "ess": D("0.00"),
                "none": D("0.00"),
            },
        ),
        (
            "month",
            {
                "2025-01": D("900.05"),
                "2025-02": D("500.00"),
                "2025-03": D("0.00"),
                "2025-04": D("0.00"),
                "2025-05": D("0.00"),
                "2025-07": D("0.00"),
            },
        ),
    ],
)
def test_by_dimension(warehouse, settings: Settings, by: str, expected: dict) -> None:
    rows = kpi_rows(warehouse, *Y2025, by=by, settings=settings)
    assert {r[by]: r["inclusive_spend_eur"] for r in rows} == expected
    # breakdowns add up to the total
    total = kpi_summary(warehouse, *Y2025, settings=settings)
    assert sum(r["spend_eur"] for r in rows) == total["spend_eur"]


def test_scope_restricts_rows(warehouse, settings: Settings) -> None:
    got = kpi_summary(warehouse, *Y2025, scope=Scope(buyers=("B3",)), settings=settings)
    assert got["spend_eur"] == D("5550.00")
    assert got["inclusive_spend_eur"] == D("0.00")
    nothing = kpi_summary(warehouse, *Y2025, scope=Scope(buyers=()), settings=settings)
    assert nothing["spend_eur"] == D("0.00")


def test_report_shape(warehouse, settings: Settings) -> None:
    report = kpi_report(warehouse, *Y2025, by="entity", settings=settings)
    assert set(report) == {"from", "to", "rows"}
    assert list(report["rows"][0])[0] == "entity"
