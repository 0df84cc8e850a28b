"""French figures of the reports (1 234 567 €, 12,3 %, +4,5 %): the report's wording on top of
:mod:`pipelines.formatting`, the one home of number formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pipelines.formatting import NBSP, date, money, number, percent

__all__ = ["NBSP", "fmt_date", "fmt_eur", "fmt_hours", "fmt_metric", "fmt_number", "fmt_pct"]


def fmt_number(value: Any, decimals: int = 0, lang: str = "fr") -> str:
    return number(value, decimals, lang)


def fmt_eur(value: Any, cents: bool = False, lang: str = "fr") -> str:
    return money(value, 2 if cents else 0, lang)


def fmt_pct(fraction: Any, decimals: int = 1, lang: str = "fr") -> str:
    return percent(fraction, decimals, lang)


def fmt_variation(fraction: Any) -> str:
    if fraction is None:
        return "–"
    d = Decimal(str(fraction)) * 100
    sign = "+" if d > 0 else ""
    return sign + number(d, 1) + NBSP + "%"


def fmt_hours(value: Any) -> str:
    return "–" if value is None else number(value, 0) + NBSP + "h"


def fmt_date(value: dt.date | None, lang: str = "fr") -> str:
    return date(value, lang)


def fmt_metric(unit: str, value: Any) -> str:
    """A figure of an objective's metric in its unit (``pipelines.objectives.metrics.UNITS``):
    a share as a percentage (2,19 %, never 0,02), euros, a count, hours."""
    if unit == "share":
        return fmt_pct(value, 2)
    if unit == "eur":
        return fmt_eur(value, cents=True)
    if unit == "hours":
        return fmt_hours(value)
    return fmt_number(value, 0)
