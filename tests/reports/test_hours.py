"""Insertion hours, computed by hand on the small warehouse of conftest.py (parameters shipped:
Espaces verts 0.75 labour share, Intérim 0.90 and 25 EUR/h, default 27 EUR/h)."""

import datetime as dt
from decimal import Decimal

import pytest

from pipelines.kpi import kpi_summary
from pipelines.reports.contracts import Contract, load_contracts
from pipelines.reports.hours import estimated_hours, insertion_hours_report, prorated_hours
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, write_transaction

D = Decimal
Y24 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("amount", "share", "cost", "expected"),
    [
        ("27000", "0.80", "27", "800"),
        ("10000", "0.90", "25", "360"),
        ("3000", "0.5", "30", "50"),
        ("-2700", "1", "27", "-100"),
    ],
)
def test_estimated_hours(amount: str, share: str, cost: str, expected: str) -> None:
    assert estimated_hours(D(amount), D(share), D(cost)) == D(expected)


def test_estimated_hours_needs_a_positive_cost() -> None:
    with pytest.raises(ValueError):
        estimated_hours(D("1"), D("1"), D("0"))


@pytest.mark.parametrize(
    ("start", "end", "hours", "expected"),
    [
        # 2024-07-01..2025-06-30 = 365 days, 184 of them in 2024: 730 x 184 / 365 = 368
        (dt.date(2024, 7, 1), dt.date(2025, 6, 30), "730", "368"),
        (dt.date(2024, 2, 1), dt.date(2024, 3, 31), "100", "100"),  # fully inside
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "100", "0"),  # outside
        (dt.date(2024, 1, 1), dt.date(2024, 1, 1), None, "0"),  # no hours reported
    ],
)
def test_prorated_hours(start: dt.date, end: dt.date, hours: str | None, expected: str) -> None:
    value = prorated_hours(None if hours is None else D(hours), start, end, *Y24)
    assert value == D(expected)


def test_insertion_hours_on_the_small_warehouse(warehouse: Settings) -> None:
    # Certain insertion spend 2024: EI Espaces verts 27 000 x 0.75 / 27 = 750 h,
    # ETTI Intérim 10 000 x 0.90 / 25 = 360 h; the probable ACI line is not counted.
    con = connect_read(warehouse)
    try:
        report = insertion_hours_report(con, *Y24)
        kpi = kpi_summary(con, *Y24, settings=warehouse)
    finally:
        con.close()
    assert report["estimated_hours"] == D("1110.00")
    assert report["declared_hours"] == D("0")
    assert report["insertion_hours"] == D("1110.00")
    assert report["estimated_spend_eur"] == kpi["insertion_spend_eur"] == D("37000.00")
    assert report["parameters"]["hourly_cost_default_eur"] == D("27")
    assert report["is_estimate"] is True
    # both categories have their own labour share: none fell back to the default
    assert report["parameters"]["labour_share_defaulted_categories"] == []
    assert {r["labour_share_source"] for r in report["estimate"]} == {"category"}


def test_a_category_without_its_own_share_is_named(warehouse: Settings) -> None:
    from pipelines.reports.hours import defaulted_categories, estimate_rows
    from pipelines.reports.parameters import hourly_costs_at, labour_shares_at

    day = dt.date(2024, 12, 31)
    rows = estimate_rows(
        [("Espaces verts", None, D("100")), ("Cuisine centrale", None, D("50")),
         (None, None, D("10"))],
        labour_shares_at(day),
        hourly_costs_at(day),
    )  # fmt: skip
    assert [(r.category, r.labour_share_source) for r in rows] == [
        ("Cuisine centrale", "default"),
        ("Espaces verts", "category"),
        (None, "default"),
    ]
    assert defaulted_categories(rows) == ["(sans catégorie)", "Cuisine centrale"]


def test_declared_hours_replace_the_estimate_of_their_supplier(warehouse: Settings) -> None:
    # A contract with the EI supplier over 2024-07-01..2025-06-30, 730 h achieved: 368 h in 2024.
    # The EI line (2024-05-20) is outside the contract: still estimated (750 h).
    # A second contract covering the ETTI line date removes its estimate (360 h) and adds 100 h.
    contracts = [
        Contract(
            "ACME",
            "C1",
            "44306184100047",
            None,
            dt.date(2024, 7, 1),
            dt.date(2025, 6, 30),
            D("90000.00"),
            D("700"),
            D("730"),
            2,
        ),
        Contract(
            "BETA",
            "C2",
            "55208131766522",
            None,
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
            None,
            None,
            D("100"),
            3,
        ),
    ]
    with write_transaction(warehouse) as con:
        load_contracts(con, contracts, file="c.csv", actor="t")
    con = connect_read(warehouse)
    try:
        report = insertion_hours_report(con, *Y24)
        beta = insertion_hours_report(con, *Y24, scope=Scope(entities=("BETA",)))
        buyer = insertion_hours_report(con, *Y24, scope=Scope(buyers=("b2",)))
    finally:
        con.close()
    assert report["declared_hours"] == D("468.00")
    assert report["estimated_hours"] == D("750.00")
    assert report["insertion_hours"] == D("1218.00")
    assert beta["declared_hours"] == D("100.00") and beta["estimated_hours"] == D("0.00")
    assert buyer["declared_hours"] == D("0")  # contracts are per entity, not per buyer
