"""French (and English) number, money, percentage and date formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard import formatting as fmt


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "func, args, fr, en",
    [
        (fmt.money, (Decimal("1234567.89"),), "1 234 567,89 €", "€1,234,567.89"),
        (fmt.money, (Decimal("-1234.5"),), "-1 234,50 €", "-€1,234.50"),
        (fmt.money, (Decimal("-0.001"),), "0,00 €", "€0.00"),
        (fmt.money, (None,), "–", "–"),
        (fmt.money_short, (Decimal("1234567"),), "1,23 M€", "€1.23M"),
        (fmt.money_short, (45600,), "45,6 k€", "€45.6k"),
        (fmt.money_short, (980,), "980 €", "€980"),
        (fmt.money_short, (9800,), "9 800 €", "€9,800"),
        (fmt.money_short, (1_200_000,), "1,2 M€", "€1.2M"),
        (fmt.money_short, (50_000,), "50 k€", "€50k"),
        (fmt.percent, (0.123,), "12,3 %", "12.3%"),
        (fmt.percent, (0.024,), "2,4 %", "2.4%"),
        (fmt.points, (0.004,), "+0,4 pt", "+0.4 pt"),
        (fmt.number, (1234567,), "1 234 567", "1,234,567"),
        (fmt.date, (dt.date(2025, 12, 31),), "31/12/2025", "2025-12-31"),
        (fmt.date, (dt.datetime(2025, 12, 31),), "31/12/2025", "2025-12-31"),
        (fmt.date, (dt.datetime(2025, 12, 31, 9, 5),), "31/12/2025 09:05", "2025-12-31 09:05"),
    ],
)
def test_formats(func, args, fr, en):
    assert plain(func(*args, lang="fr")) == fr
    assert plain(func(*args, lang="en")) == en


def test_french_figures_never_wrap():
    assert fmt.money(Decimal("1234567.89")) == "1\u00a0234\u00a0567,89\u00a0€"


@pytest.mark.parametrize("cur, prev, expected", [(110, 100, 0.1), (5, 0, None), (None, 3, None)])
def test_change(cur, prev, expected):
    assert (
        fmt.change(cur, prev) == pytest.approx(expected)
        if expected
        else fmt.change(cur, prev) is None
    )


def test_payout_curve_is_zero_below_the_threshold_then_jumps():
    from dashboard.charts import payout_curve

    fig = payout_curve([(0.8, 0.5), (1.0, 1.0), (1.2, 1.5)], 0.9, 0.75, "fr")
    curve = fig.data[0]
    assert list(curve.x[:3]) == [0.0, 0.8, 0.8]
    assert list(curve.y[:3]) == [0.0, 0.0, 0.5]
    assert curve.y[-1] == 1.5


def test_nan_is_shown_as_missing():
    assert fmt.number(float("nan")) == "–"
    assert fmt.money(float("nan")) == "–"
