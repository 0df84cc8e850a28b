"""The six controls on hand-built cases: for each, one case that must fire and one that must not.

Expected payouts at stake are worked out by hand from the default curve (0 below 80 %, 50 % at
80 %, 100 % at 100 %, 150 % at 120 %), never from the code under test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from pipelines.controls.model import Cell, ObjectiveView
from pipelines.controls.rules import (
    BuyerChange,
    ConcentrationParams,
    Credit,
    Decision,
    ExcludedCell,
    NewGoneParams,
    PortfolioParams,
    ReversalParams,
    SelfInterestParams,
    SpikeParams,
    SupplierSpan,
    concentration_signals,
    new_gone_signals,
    portfolio_signals,
    reversal_signals,
    self_interest_signals,
    spike_signals,
)
from pipelines.objectives.definitions import ObjectiveSpec


def view(
    actual: str,
    target: str = "100000",
    *,
    owner: str = "B1",
    buyers: tuple[str, ...] | None = ("B1",),
    metric: str = "inclusive_spend_eur",
    addressable: str = "0",
    oid: str = "OBJ",
) -> ObjectiveView:
    spec = ObjectiveSpec(
        objective_id=oid,
        owner=owner,
        scope_type="buyer",
        scope_value=owner,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        metric=metric,
        target=D(target),
        weight=D("1"),
        variable_pay_eur=D("10000"),
        curve=None,
    )
    return ObjectiveView(
        spec,
        D(actual),
        frozenset(buyers) if buyers is not None else None,
        None,
        addressable_eur=D(addressable),
    )


def cell(
    supplier: str,
    amount: str,
    *,
    year: int = 2025,
    tail: bool = False,
    counted: bool = True,
    buyer: str = "B1",
    family: str | None = "insertion",
) -> Cell:
    return Cell(
        supplier,
        supplier.title(),
        "E1",
        buyer,
        family if counted else None,
        counted,
        True,
        year,
        tail,
        D(amount),
    )


# Ordinary spend: 10 % of each year in the tail.
ORDINARY = [
    cell("ord", "900000", counted=False),
    cell("ord", "100000", counted=False, tail=True),
    cell("ord", "900000", counted=False, year=2024),
    cell("ord", "100000", counted=False, year=2024, tail=True),
]


@pytest.mark.parametrize(
    ("cells", "fires"),
    [
        # 60 000 of 100 000 in the last weeks, 10 % expected: 50 000 above
        ([*ORDINARY, cell("s", "40000"), cell("s", "60000", tail=True)], True),
        # the supplier always bills in December (60 % of 2024 too): its own habit, no spike
        (
            [
                *ORDINARY,
                cell("s", "40000"),
                cell("s", "60000", tail=True),
                cell("s", "40000", year=2024),
                cell("s", "60000", year=2024, tail=True),
            ],
            False,
        ),
        # in proportion with ordinary seasonality
        ([*ORDINARY, cell("s", "90000"), cell("s", "10000", tail=True)], False),
    ],
)
def test_spike(cells: list[Cell], fires: bool) -> None:
    # actual 100 000 on a 100 000 target pays 100 %; without the 50 000 excess: 50 % -> 0 %
    signals = spike_signals(2025, cells, [view("100000")], SpikeParams())
    assert bool(signals) is fires
    if fires:
        (s,) = signals
        assert s.euros == D("50000.00")
        assert s.payout_at_stake_eur == D("10000.00")  # 10 000 at 100 % -> 0 below 80 %
        assert s.lines.supplier_keys == ("s",)


CLOSED = [cell("s", "50000")]


@pytest.mark.parametrize(
    ("credits", "fires", "stake"),
    [
        # 20 000 of the 50 000 closed spend credited back in January
        (
            [
                Credit(
                    "s",
                    "S",
                    "E1",
                    "B1",
                    "insertion",
                    D("-20000"),
                    dt.date(2026, 1, 10),
                    dt.date(2026, 1, 20),
                )
            ],
            True,
            D("5000.00"),
        ),
        # a 500 EUR credit note: ordinary life
        (
            [
                Credit(
                    "s",
                    "S",
                    "E1",
                    "B1",
                    "insertion",
                    D("-500"),
                    dt.date(2026, 1, 10),
                    dt.date(2026, 1, 10),
                )
            ],
            False,
            None,
        ),
        # a credit of a supplier that did not count in the closed figures
        (
            [
                Credit(
                    "x",
                    "X",
                    "E1",
                    "B1",
                    "insertion",
                    D("-20000"),
                    dt.date(2026, 1, 10),
                    dt.date(2026, 1, 10),
                )
            ],
            False,
            None,
        ),
    ],
)
def test_reversal(credits: list[Credit], fires: bool, stake: D | None) -> None:
    # frozen actual 100 000 (100 %, 10 000 EUR); without 20 000: 80 % -> 50 %, 5 000 EUR
    signals = reversal_signals(2025, CLOSED, credits, [view("100000")], ReversalParams())
    assert bool(signals) is fires
    if fires:
        assert signals[0].payout_at_stake_eur == stake
        assert signals[0].euros == D("20000")


@pytest.mark.parametrize(
    ("cells", "fires"),
    [
        ([cell("big", "80000"), cell("a", "10000"), cell("b", "10000")], True),
        ([cell(f"s{i}", "20000") for i in range(5)], False),
    ],
)
def test_concentration(cells: list[Cell], fires: bool) -> None:
    signals = concentration_signals(2025, cells, [view("100000")], ConcentrationParams())
    assert bool(signals) is fires
    if fires:
        (s,) = signals
        assert s.subject == "OBJ|big"
        assert s.figures["share"] == "0.800"
        assert s.payout_at_stake_eur == D("10000.00")  # without it: 20 % -> nothing


def span(key: str, first: dt.date, last: dt.date) -> SupplierSpan:
    return SupplierSpan(key, first, last)


@pytest.mark.parametrize(
    ("span_", "data_end", "fires"),
    [
        (
            span("s", dt.date(2025, 12, 1), dt.date(2025, 12, 20)),
            dt.date(2026, 6, 30),
            True,
        ),
        # bought from again in March
        (span("s", dt.date(2025, 12, 1), dt.date(2026, 3, 1)), dt.date(2026, 6, 30), False),
        # an old supplier
        (
            span("s", dt.date(2023, 2, 1), dt.date(2025, 12, 20)),
            dt.date(2026, 6, 30),
            False,
        ),
        # the data does not yet say whether it is gone
        (
            span("s", dt.date(2025, 12, 1), dt.date(2025, 12, 20)),
            dt.date(2026, 1, 31),
            False,
        ),
    ],
)
def test_new_gone(span_: SupplierSpan, data_end: dt.date, fires: bool) -> None:
    cells = [cell("s", "20000", tail=True)]
    signals = new_gone_signals(2025, cells, [span_], data_end, [view("100000")], NewGoneParams())
    assert bool(signals) is fires
    if fires:
        assert signals[0].payout_at_stake_eur == D("5000.00")  # 100 % -> 80 %


MANAGERS = {"B1": "M1", "M1": "DG", "B2": "M2", "DG": None, "M2": "DG"}


def decision(actor_person: str, action: str = "override.set_kind", **kw: str) -> Decision:
    return Decision(
        1,
        actor_person,
        actor_person.lower(),
        action,
        dt.datetime(2025, 11, 1),
        kw.get("supplier_key", "s"),
        kw.get("exclusion_type"),
        kw.get("exclusion_value"),
    )


@pytest.mark.parametrize(
    ("d", "fires"),
    [
        (decision("B1"), True),  # the buyer reclassifies a supplier of his own objective
        (decision("X1"), False),  # someone outside the owner's line
        (decision("B1", "override.reject"), False),  # a rejection lowers the figure
    ],
)
def test_self_interest_override(d: Decision, fires: bool) -> None:
    cells = [cell("s", "30000")]
    managers = {**MANAGERS, "X1": "DG"}
    # 100 000 pays 10 000; without the supplier's 30 000: 70 % -> 0
    signals = self_interest_signals(
        2025, [d], cells, [], managers, [view("100000")], SelfInterestParams()
    )
    assert bool(signals) is fires
    if fires:
        assert signals[0].payout_at_stake_eur == D("10000.00")
        assert signals[0].euros == D("30000")


def test_self_interest_reaches_the_owners_above_the_author() -> None:
    """A buyer's override moves their manager's objective: the manager's report made it."""
    manager_view = view("100000", owner="M1", buyers=("B1", "M1"), oid="M1-OBJ")
    signals = self_interest_signals(
        2025,
        [decision("B1")],
        [cell("s", "30000")],
        [],
        MANAGERS,
        [manager_view],
        SelfInterestParams(),
    )
    assert [s.objective_ids for s in signals] == [("M1-OBJ",)]
    # ... but the manager's decision does not count against the buyer's own objective
    signals = self_interest_signals(
        2025,
        [decision("M1")],
        [cell("s", "30000")],
        [],
        MANAGERS,
        [view("100000")],
        SelfInterestParams(),
    )
    assert signals == []


def test_self_interest_exclusion_raises_a_share() -> None:
    # share 0.05 over 200 000 addressable, target 0.05 (100 %); 50 000 excluded by the owner:
    # without the exclusion 10 000 / 250 000 = 0.04 -> 80 % -> 50 %: 5 000 at stake
    share = view("0.05", "0.05", metric="inclusive_share", addressable="200000", buyers=None)
    excluded = [ExcludedCell("r", None, "6132", "Loyers", "E1", "B1", D("50000"))]
    d = decision("B1", "exclusion.add", exclusion_type="category", exclusion_value="Loyers")
    signals = self_interest_signals(
        2025, [d], [], excluded, MANAGERS, [share], SelfInterestParams()
    )
    assert [s.payout_at_stake_eur for s in signals] == [D("5000.00")]
    other = decision("B1", "exclusion.add", exclusion_type="category", exclusion_value="Énergie")
    assert (
        self_interest_signals(2025, [other], [], excluded, MANAGERS, [share], SelfInterestParams())
        == []
    )


def change(amount: str, old: str = "B2", new: str = "B1") -> BuyerChange:
    return BuyerChange(
        "E1|F1|1", "s", "E1", old, new, "insertion", True, D(amount), dt.date(2025, 10, 1)
    )


@pytest.mark.parametrize(
    ("changes", "fires"),
    [
        ([change("10000")], True),  # 75 000 -> 85 000 crosses the 80 % threshold
        ([change("3000")], False),  # 82 000 -> 85 000: above it already
        ([change("10000", old="B1", new="B2")], False),  # moved out: lowers the figure
    ],
)
def test_portfolio(changes: list[BuyerChange], fires: bool) -> None:
    signals = portfolio_signals(2025, changes, [view("85000")], PortfolioParams())
    assert bool(signals) is fires
    if fires:
        assert signals[0].figures["threshold"] == "0.800"
        assert signals[0].payout_at_stake_eur == D("6250.00")  # 62.5 % of 10 000
