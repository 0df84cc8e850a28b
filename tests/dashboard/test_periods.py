"""Periods of the dashboard and their URL form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.errors import UserError
from pipelines.queries.periods import Period


@pytest.mark.parametrize(
    "text, start, end, previous",
    [
        ("2025", "2025-01-01", "2025-12-31", "2024"),
        ("2025-Q1", "2025-01-01", "2025-03-31", "2024-Q4"),
        ("2025-q3", "2025-07-01", "2025-09-30", "2025-Q2"),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-01"),
        ("2025-01", "2025-01-01", "2025-01-31", "2024-12"),
        ("2025-01..2025-06", "2025-01-01", "2025-06-30", "2024-07..2024-12"),
        ("2025-06..2025-01", "2025-01-01", "2025-06-30", "2024-07..2024-12"),
    ],
)
def test_parse_and_previous(text, start, end, previous):
    period = Period.parse(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert period.previous().key() == previous


@pytest.mark.parametrize(
    "text",
    ["", "25", "2025-13", "2025-Q5", "hier", "2025-01..x", "0001", "0001-Q1", "2025-01..0001-02"],
)
def test_unreadable_period_names_the_value(text):
    with pytest.raises(UserError) as err:
        Period.parse(text)
    assert f"« {text} »" in err.value.fr


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(0, 30))
def test_key_round_trips(year, month, length):
    first = dt.date(year, month, 1)
    last_index = year * 12 + month - 1 + length
    last = dt.date(last_index // 12, last_index % 12 + 1, 1)
    for period in (
        Period.year(year),
        Period.quarter(year, (month - 1) // 3 + 1),
        Period.month(year, month),
        Period.months(first, last),
    ):
        assert Period.parse(period.key()) == period
        assert (
            period.previous().end + dt.timedelta(days=1) == period.start
            or period.granularity == "year"
        )


def test_labels():
    assert Period.parse("2025-Q2").label("fr") == "T2 2025"
    assert Period.parse("2025-03").label("fr") == "mars 2025"
    assert Period.parse("2025-03").label("en") == "March 2025"
    assert Period.parse("2025-01..2025-06").label("fr") == "janv. – juin 2025"
    assert Period.parse("2025-11..2026-02").label("en") == "Nov 2025 – Feb 2026"


@pytest.mark.parametrize(
    ("period", "last_data_month", "current", "previous"),
    [
        # a year in progress is compared with the same months of the year before
        ("2026", "2026-11-01", "2026-01..2026-11", "2025-01..2025-11"),
        ("2026", "2026-12-01", "2026", "2025"),  # complete: whole years
        ("2025", "2026-11-01", "2025", "2024"),  # a past year
        ("2026-Q4", "2026-11-01", "2026-10..2026-11", "2026-07..2026-08"),
        ("2026-11", "2026-11-01", "2026-11", "2026-10"),
        ("2027", "2026-11-01", "2027", "2026"),  # no data yet: nothing to cut
        ("2026", None, "2026", "2025"),
    ],
)
def test_like_for_like(period: str, last_data_month: str | None, current: str, previous: str):
    last = dt.date.fromisoformat(last_data_month) if last_data_month else None
    got_current, got_previous = Period.parse(period).like_for_like(last)
    assert (got_current.key(), got_previous.key()) == (current, previous)


def test_elapsed_fraction():
    p = Period.year(2025)
    assert p.elapsed_fraction(dt.date(2024, 6, 1)) == 0
    assert p.elapsed_fraction(dt.date(2026, 1, 1)) == 1
    assert p.elapsed_fraction(dt.date(2025, 7, 2)) == pytest.approx(183 / 365)
