"""Pure clause rules on hand-computed cases (DOMAIN.md §7), plus properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.clauses.parameters import eu_thresholds, planning_parameters
from pipelines.clauses.rules import (
    PlanningParameters,
    elapsed_share,
    fte,
    is_implausible,
    pace,
    planned_hours,
    plausible_ceiling,
)
from pipelines.reports.parameters import Version

D = Decimal


@pytest.mark.parametrize(
    "amount, share, cost, rate, labour_cost, labour_hours, expected",
    [
        # Works contract: 1,000,000 x 0.5 = 500,000 EUR of labour; / 30 = 16,666.67 h; x 5 % =
        # 833.33 h -> 833 h.
        ("1000000", "0.5", "30", "0.05", "500000.00", "16666.67", "833"),
        # Crèche contract (Picardie): 600,000 x 0.6 = 360,000; / 27 = 13,333.33 h; x 5 % =
        # 666.67 h -> 667 h.
        ("600000", "0.6", "27", "0.05", "360000.00", "13333.33", "667"),
        # Cleaning at 0.8, 27 EUR/h, 10 %: 200,000 x 0.8 = 160,000; / 27 = 5,925.93; -> 593.
        ("200000", "0.8", "27", "0.10", "160000.00", "5925.93", "593"),
        ("0", "0.5", "27", "0.05", "0.00", "0.00", "0"),
    ],
)
def test_planned_hours_every_step(amount, share, cost, rate, labour_cost, labour_hours, expected):
    plan = planned_hours(D(amount), PlanningParameters(D(share), D(cost), D(rate)))
    steps = {s["step"]: s["value"] for s in plan.steps()}
    assert steps["amount_eur"] == D(amount)
    assert steps["labour_share"] == D(share)
    assert steps["labour_cost_eur"] == D(labour_cost)
    assert steps["hourly_cost_eur"] == D(cost)
    assert steps["labour_hours"] == D(labour_hours)
    assert steps["clause_rate"] == D(rate)
    assert steps["hours_planned"] == D(expected) == plan.rounded


def test_planned_hours_refuses_a_zero_cost():
    with pytest.raises(ValueError):
        planned_hours(D(1), PlanningParameters(D("0.5"), D(0), D("0.05")))


def test_planning_parameters_contract_values_win_and_say_so():
    day = dt.date(2026, 3, 1)
    default = planning_parameters(day, category="Nettoyage")
    assert (default.labour_share, default.labour_share_source) == (D("0.80"), "category")
    assert (default.hourly_cost_eur, default.hourly_cost_source) == (D("27"), "default")
    assert (default.clause_rate, default.clause_rate_source) == (D("0.05"), "default")
    own = planning_parameters(
        day, category="Nettoyage", labour_share=D("0.6"), clause_rate=D("0.07")
    )
    assert (own.labour_share, own.labour_share_source) == (D("0.6"), "contract")
    assert (own.clause_rate, own.clause_rate_source) == (D("0.07"), "contract")
    assert own.hourly_cost_source == "default"


def test_planning_parameters_before_the_first_version_use_the_first():
    """A DECP contract notified in 2019 (before the first dated version) is estimated with the
    first version instead of failing the register, the page and the report for everyone."""
    table = {
        "labour_share": [Version(dt.date(2020, 1, 1), {"default": "0.5"})],
        "insertion_hourly_cost_eur": [Version(dt.date(2021, 1, 1), {"default": "30"})],
        "clause_rate": [Version(dt.date(2020, 1, 1), "0.05")],
    }
    early = planning_parameters(dt.date(2019, 4, 2), table=table)
    assert (early.labour_share, early.hourly_cost_eur, early.clause_rate) == (
        D("0.5"),
        D("30"),
        D("0.05"),
    )
    assert planned_hours(D("1000000"), early).hours.quantize(D("1")) == D("833")


@pytest.mark.parametrize(
    "declared, amount, share, cost, flagged",
    [
        # ceiling 100,000 x 0.5 / 25 = 2,000 h
        ("2000", "100000", "0.5", "25", False),
        ("2000.01", "100000", "0.5", "25", True),
        ("0", "0", "0.5", "25", False),
    ],
)
def test_plausibility(declared, amount, share, cost, flagged):
    ceiling = plausible_ceiling(D(amount), D(share), D(cost))
    assert is_implausible(D(declared), ceiling) is flagged


def test_no_ceiling_without_an_amount():
    assert not is_implausible(D("99999"), None)


START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)  # 365 days


@pytest.mark.parametrize(
    "declared, required, as_of, status",
    [
        # 2026-07-02 is day 183 of 365: elapsed 0.5014; minus 0.10 = 0.4014
        ("400", "1000", dt.date(2026, 7, 2), "late"),
        ("402", "1000", dt.date(2026, 7, 2), "on_track"),
        ("0", "1000", dt.date(2025, 12, 31), "not_started"),
        ("0", "1000", dt.date(2026, 1, 1), "on_track"),  # day 1: 0.0027 - 0.10 < 0
        ("899", "1000", dt.date(2027, 3, 1), "late"),  # ended: elapsed 1, needs 0.90
        ("900", "1000", dt.date(2027, 3, 1), "on_track"),
        ("10", None, dt.date(2026, 7, 2), "no_requirement"),
        ("10", "0", dt.date(2026, 7, 2), "no_requirement"),
    ],
)
def test_pace(declared, required, as_of, status):
    required = None if required is None else D(required)
    assert pace(D(declared), required, START, END, as_of, D("0.10")).status == status


def test_elapsed_share_by_hand():
    assert elapsed_share(START, END, dt.date(2026, 7, 2)) == D(183) / D(365)


@pytest.mark.parametrize("hours, expected", [("1607", "1.00"), ("833", "0.52"), ("0", "0.00")])
def test_fte(hours, expected):
    assert fte(D(hours)) == D(expected)


def test_eu_thresholds_are_dated():
    assert eu_thresholds(dt.date(2025, 6, 1)).works == D("5538000")
    later = eu_thresholds(dt.date(2026, 9, 1))
    assert (later.works, later.local) == (D("5404000"), D("216000"))
    assert later.compulsory_from == dt.date(2026, 8, 22)


money = st.decimals(min_value=0, max_value=10**9, places=2)
share = st.decimals(min_value=0, max_value=1, places=4)
cost = st.decimals(min_value=1, max_value=200, places=2)


@given(money, money, share, cost, share)
def test_planned_hours_never_decrease_with_the_amount(a, b, s, c, r):
    low, high = sorted((a, b))
    p = PlanningParameters(s, c, r)
    assert planned_hours(low, p).hours <= planned_hours(high, p).hours


@given(money, share, cost, share)
def test_planned_hours_within_the_plausible_ceiling(a, s, c, r):
    """A clause rate of at most 100 % never asks for more hours than the contract holds."""
    assert planned_hours(a, PlanningParameters(s, c, r)).hours <= plausible_ceiling(a, s, c)


@given(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.integers(min_value=0, max_value=800),
)
def test_more_hours_never_make_a_contract_late(d1, d2, day):
    as_of = START + dt.timedelta(days=day)
    low, high = sorted((d1, d2))
    if pace(low, D(1000), START, END, as_of, D("0.1")).status == "on_track":
        assert pace(high, D(1000), START, END, as_of, D("0.1")).status == "on_track"
