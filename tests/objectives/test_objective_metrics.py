"""Metric registry, previous windows and new_inclusive_suppliers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from pipelines.objectives import compute_attainment, load_objectives, metric_keys
from pipelines.objectives.periods import previous_window
from pipelines.settings import Settings
from tests.objectives.helpers import OBJ_HEADER, add_lines, write


@pytest.mark.parametrize(
    ("start", "end", "prev_start", "prev_end"),
    [
        ("2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31"),
        ("2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31"),  # leap year
        ("2025-03-01", "2025-03-31", "2025-02-01", "2025-02-28"),
        ("2025-07-01", "2025-12-31", "2025-01-01", "2025-06-30"),
        ("2025-01-10", "2025-01-19", "2024-12-31", "2025-01-09"),  # not whole months: days
    ],
)
def test_previous_window(start: str, end: str, prev_start: str, prev_end: str) -> None:
    d = dt.date.fromisoformat
    assert previous_window(d(start), d(end)) == (d(prev_start), d(prev_end))


def test_registry_has_domain_indicators() -> None:
    keys = set(metric_keys())
    assert {
        "inclusive_spend_eur",
        "inclusive_share",
        "insertion_spend_eur",
        "handicap_spend_eur",
        "ess_spend_eur",
        "inclusive_suppliers",
        "new_inclusive_suppliers",
    } <= keys


def test_new_inclusive_suppliers(org: Settings, tmp_path: Path) -> None:
    a, b, c = "11111111111111", "22222222222222", "33333333333333"
    add_lines(
        org,
        [
            ("ENT1", "P1", "2024-05-01", a, "b1", "1000.00"),  # a bought last year: not new
            ("ENT1", "N1", "2025-05-01", a, "b1", "500.00"),
            ("ENT1", "N2", "2025-05-02", b, "b1", "700.00"),  # new
            ("ENT1", "N3", "2025-05-03", c, "b2", "300.00"),  # new, but probable only
            ("ENT1", "P2", "2024-06-01", b, "b2", "50.00"),  # b bought by b2 last year
        ],
        [(a, "EI", "certain"), (b, "ESAT", "certain"), (c, "EA", "probable")],
    )
    rows = OBJ_HEADER + (
        "ALL,ceo,all,,2025-01-01,2025-12-31,new_inclusive_suppliers,2,0.1,1000,\n"
        "B1,b1,buyer,,2025-01-01,2025-12-31,new_inclusive_suppliers,1,0.1,1000,\n"
        "SUP,ceo,all,,2025-01-01,2025-12-31,inclusive_suppliers,2,0.1,1000,\n"
    )
    load_objectives(write(tmp_path / "o.csv", rows), settings=org)
    r = {x.objective_id: x for x in compute_attainment("2025", settings=org)}
    # all: b was bought in 2024 (by b2), a too: nothing new that is certain; c is probable
    assert (r["ALL"].actual, r["ALL"].probable_actual) == (D("0"), D("1"))
    # b1's portfolio: b is new to b1 (b2's 2024 purchase is outside the scope)
    assert r["B1"].actual == D("1")
    assert r["SUP"].actual == D("2") and r["SUP"].probable_actual == D("3")
