"""OETH worked examples, computed by hand (SMIC 11.88 EUR on 31/12/2024)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.reports.oeth import (
    LabourSpend,
    OethParameters,
    band_multiplier,
    estimate_oeth,
    required_beneficiaries,
)

D = Decimal
P2024 = OethParameters.for_year(2024)


def test_parameters_2024() -> None:
    assert P2024.smic_hourly_eur == D("11.88")
    assert P2024.smic_date == dt.date(2024, 12, 31)
    assert P2024.obligation_rate == D("0.06")
    assert P2024.deduction_rate == D("0.30")


@pytest.mark.parametrize(
    ("headcount", "multiplier"),
    [
        ("19", "0"),
        ("20", "400"),
        ("249", "400"),
        ("250", "500"),
        ("749", "500"),
        ("750", "600"),
        ("5000", "600"),
    ],
)
def test_band_multiplier(headcount: str, multiplier: str) -> None:
    assert band_multiplier(D(headcount), P2024.bands) == D(multiplier)


@pytest.mark.parametrize(
    ("headcount", "required"),
    [("300", "18"), ("100", "6"), ("249.5", "14"), ("33", "1"), ("16", "0")],
)
def test_required_beneficiaries_rounds_down(headcount: str, required: str) -> None:
    assert required_beneficiaries(D(headcount), D("0.06")) == D(required)


def test_worked_example_deduction_under_the_75_percent_cap() -> None:
    # 300 employees, 10 beneficiaries: required floor(18.0) = 18, missing 8.
    # gross = 8 x 11.88 x 500 = 47 520.00
    # labour = 20 000 x 0.80 (ESAT cleaning) + 10 000 x 0.20 (EA supplies) = 18 000.00
    # deduction = 30 % x 18 000 = 5 400.00; direct rate 10/300 = 3.33 % >= 3 % -> cap 75 %
    # cap = 35 640.00; retained 5 400.00; net = 42 120.00
    est = estimate_oeth(
        year=2024,
        headcount=D("300"),
        beneficiaries=D("10"),
        spend=[
            LabourSpend("ESAT", "Nettoyage", D("20000.00"), D("0.80")),
            LabourSpend("EA", "Fournitures", D("10000.00"), D("0.20")),
        ],
        parameters=P2024,
    )
    assert (est.required, est.missing, est.multiplier) == (D("18"), D("8"), D("500"))
    assert est.gross_contribution_eur == D("47520.00")
    assert est.labour_eur == D("18000.00")
    assert est.deduction_eur == D("5400.00")
    assert est.cap_rate == D("0.75")
    assert est.cap_eur == D("35640.00")
    assert est.capped_deduction_eur == D("5400.00")
    assert est.net_contribution_eur == D("42120.00")


def test_worked_example_cap_binds_at_50_percent() -> None:
    # 100 employees, none employed: missing 6; gross = 6 x 11.88 x 400 = 28 512.00
    # deduction = 30 % x (200 000 x 0.50) = 30 000.00 > cap 50 % = 14 256.00; net 14 256.00
    est = estimate_oeth(
        year=2024,
        headcount=D("100"),
        beneficiaries=D("0"),
        spend=[LabourSpend("EA", None, D("200000.00"), D("0.50"))],
        parameters=P2024,
    )
    assert est.gross_contribution_eur == D("28512.00")
    assert est.deduction_eur == D("30000.00")
    assert est.cap_rate == D("0.50")
    assert est.capped_deduction_eur == D("14256.00")
    assert est.net_contribution_eur == D("14256.00")


def test_given_direct_rate_overrides_the_ratio() -> None:
    # Same as above but the employer states a 3 % direct rate: cap 75 % = 21 384.00
    est = estimate_oeth(
        year=2024,
        headcount=D("100"),
        beneficiaries=D("0"),
        spend=[LabourSpend("EA", None, D("200000.00"), D("0.50"))],
        parameters=P2024,
        direct_rate=D("0.03"),
    )
    assert est.cap_eur == D("21384.00")
    assert est.net_contribution_eur == D("7128.00")


def test_small_or_compliant_employers_owe_nothing() -> None:
    small = estimate_oeth(
        year=2024, headcount=D("15"), beneficiaries=D("0"), spend=[], parameters=P2024
    )
    assert not small.is_subject and small.net_contribution_eur == D("0.00")
    compliant = estimate_oeth(
        year=2024, headcount=D("800"), beneficiaries=D("50"), spend=[], parameters=P2024
    )
    assert compliant.missing == D("0") and compliant.gross_contribution_eur == D("0.00")


def test_smic_of_2023_is_the_one_in_force_on_31_december() -> None:
    # 2023: 11.52; 50 employees, 1 beneficiary: missing 2 (floor 3.0 - 1); 2 x 11.52 x 400
    est = estimate_oeth(
        year=2023,
        headcount=D("50"),
        beneficiaries=D("1"),
        spend=[],
        parameters=OethParameters.for_year(2023),
    )
    assert est.gross_contribution_eur == D("9216.00")


def test_every_step_is_shown() -> None:
    est = estimate_oeth(
        year=2024, headcount=D("300"), beneficiaries=D("10"), spend=[], parameters=P2024
    )
    steps = {s["step"]: s["value"] for s in est.steps()}
    assert steps["contribution_brute"] == est.gross_contribution_eur
    assert steps["contribution_nette"] == est.net_contribution_eur
    assert est.as_dict()["is_estimate"] is True


@given(
    headcount=st.integers(min_value=0, max_value=5000),
    beneficiaries=st.integers(min_value=0, max_value=400),
    spend=st.decimals(min_value=0, max_value=10**7, places=2),
)
def test_net_is_between_quarter_of_gross_and_gross(
    headcount: int, beneficiaries: int, spend: Decimal
) -> None:
    est = estimate_oeth(
        year=2024,
        headcount=D(headcount),
        beneficiaries=D(beneficiaries),
        spend=[LabourSpend("ESAT", None, spend, D("0.5"))],
        parameters=P2024,
    )
    assert D("0") <= est.net_contribution_eur <= est.gross_contribution_eur
    assert est.net_contribution_eur >= est.gross_contribution_eur * D("0.25") - D("0.01")
