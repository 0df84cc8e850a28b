"""The purchase template of Le marché de l'inclusion, as its own test suite ships it.

Expected figures come from ``independent.read_lemarche_template`` (plain ``csv``); the product's
come back through ``asr loads list``, ``asr report kpi`` and the warehouse.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.real.harness import HERE, Home, euros, load_into
from tests.real.independent import TemplateReading, read_lemarche_template

TEMPLATE = HERE / "lemarche" / "sample_purchases.csv"
YEAR = "2024"


@pytest.fixture(scope="module")
def reading() -> TemplateReading:
    return read_lemarche_template(TEMPLATE)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    home = load_into(
        tmp_path_factory.mktemp("real_lemarche") / "home",
        TEMPLATE,
        "--format",
        "lemarche",
        "--year",
        YEAR,
        "--entity",
        "REAL",
    )
    assert home.ingest.exit_code == 0, home.ingest.output
    return home


def test_every_row_is_read_and_loaded(home: Home, reading: TemplateReading) -> None:
    load = home.load()
    assert load["format"] == "lemarche"
    assert (load["rows_read"], load["rows_loaded"], load["rows_quarantined"]) == (
        reading.rows_read,
        reading.rows_loaded,
        0,
    )


def test_total_spend_of_the_year(home: Home, reading: TemplateReading) -> None:
    kpi = home.kpi(f"{YEAR}-01-01", f"{YEAR}-12-31")
    assert euros(kpi["spend_eur"]) == reading.spend_eur
    before = home.kpi(f"{int(YEAR) - 1}-01-01", f"{int(YEAR) - 1}-12-31")
    assert euros(before["spend_eur"]) == 0


def test_spend_per_siret(home: Home, reading: TemplateReading) -> None:
    rows = home.query("select siret, sum(amount_eur) from raw_ledger_lines group by siret")
    assert {siret: Decimal(total) for siret, total in rows} == reading.spend_by_siret


def test_spend_per_buying_entity(home: Home, reading: TemplateReading) -> None:
    rows = home.query("select entity, sum(amount_eur) from raw_ledger_lines group by entity")
    assert {entity: Decimal(total) for entity, total in rows} == reading.spend_by_entity


def test_lines_are_dated_the_last_day_of_the_year(home: Home) -> None:
    rows = home.query("select distinct cast(invoice_date as varchar) from raw_ledger_lines")
    assert rows == [(f"{YEAR}-12-31",)]


def test_without_a_year_nothing_is_loaded(tmp_path: Path) -> None:
    home = load_into(tmp_path / "home", TEMPLATE, "--format", "lemarche", "--entity", "REAL")
    assert home.ingest.exit_code == 1
    assert "sample_purchases.csv" in home.ingest.output
    assert home.json("loads", "list") == []
