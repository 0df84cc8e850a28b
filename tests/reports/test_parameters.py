import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.errors import UserError
from pipelines.reports.parameters import (
    decimal_at,
    hourly_costs_at,
    labour_shares_at,
    parse_table,
    value_at,
)


@pytest.mark.parametrize(
    ("day", "smic"),
    [
        (dt.date(2023, 12, 31), "11.52"),
        (dt.date(2024, 1, 1), "11.65"),
        (dt.date(2024, 10, 31), "11.65"),
        (dt.date(2024, 11, 1), "11.88"),
        (dt.date(2024, 12, 31), "11.88"),
        (dt.date(2025, 6, 30), "11.88"),
        (dt.date(2026, 1, 1), "12.02"),
    ],
)
def test_smic_in_force_at_a_date(day: dt.date, smic: str) -> None:
    assert decimal_at("smic_hourly_eur", day) == Decimal(smic)


def test_no_value_before_the_first_version() -> None:
    with pytest.raises(UserError, match="smic_hourly_eur"):
        value_at("smic_hourly_eur", dt.date(2010, 1, 1))


def test_unknown_parameter_is_named() -> None:
    with pytest.raises(UserError, match="nope"):
        value_at("nope", dt.date(2024, 1, 1))


def test_versions_are_sorted_and_dated() -> None:
    table = parse_table(
        {"x": [{"from": "2025-01-01", "value": "2"}, {"from": "2024-01-01", "value": "1"}]}
    )
    assert value_at("x", dt.date(2024, 6, 1), table) == "1"
    assert value_at("x", dt.date(2025, 1, 1), table) == "2"


def test_malformed_version_names_the_parameter() -> None:
    with pytest.raises(UserError, match="x, version 1"):
        parse_table({"x": [{"value": "1"}]})


def test_labour_share_lookup_order() -> None:
    table = parse_table(
        {
            "labour_share": [
                {
                    "from": "2020-01-01",
                    "value": {
                        "default": "0.5",
                        "by_category": {"Nettoyage": "0.8"},
                        "by_supplier": {"80746931700018": "0.9"},
                    },
                }
            ]
        }
    )
    shares = labour_shares_at(dt.date(2024, 1, 1), table)
    assert shares.rate("Nettoyage", "80746931700018") == Decimal("0.9")  # supplier first
    assert shares.rate("nettoyage ", None) == Decimal("0.8")  # category, case-insensitive
    assert shares.rate("Autre", None) == Decimal("0.5")  # default
    assert shares.rate(None, None) == Decimal("0.5")
    assert shares.rate_and_source("Nettoyage", "80746931700018")[1] == "supplier"
    assert shares.rate_and_source("NETTOYAGE", None)[1] == "category"
    assert shares.rate_and_source("Autre", None) == (Decimal("0.5"), "default")


def test_every_demo_category_of_inclusive_suppliers_has_a_labour_share() -> None:
    """The demo's insertion estimate never falls back to the default share without saying so:
    every category its inclusive suppliers serve has a shipped value."""
    from pipelines.demo.generator import INCLUSIVE_CATEGORIES

    shares = labour_shares_at(dt.date(2026, 12, 31))
    served = {c for cats in INCLUSIVE_CATEGORIES.values() for c in cats}
    assert {c for c in served if shares.rate_and_source(c)[1] == "default"} == set()


def test_shipped_hourly_cost_default_is_27() -> None:
    assert hourly_costs_at(dt.date(2024, 12, 31)).default == Decimal("27")


def test_asr_report_parameters_points_to_another_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text('smic_hourly_eur:\n  - {from: "2024-01-01", value: "99.99"}\n')
    monkeypatch.setenv("ASR_REPORT_PARAMETERS", str(path))
    assert decimal_at("smic_hourly_eur", dt.date(2024, 6, 1)) == Decimal("99.99")
    monkeypatch.setenv("ASR_REPORT_PARAMETERS", str(tmp_path / "missing.yaml"))
    with pytest.raises(UserError, match="missing.yaml"):
        decimal_at("smic_hourly_eur", dt.date(2024, 6, 1))
