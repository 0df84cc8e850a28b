"""French number formatting for the reports (1 234 567 €, 12,3 %, +4,5 %)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NBSP = "\u00a0"


def _group(integer: str) -> str:
    sign = "-" if integer.startswith("-") else ""
    digits = integer.lstrip("-")
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sign + NBSP.join(parts)


def fmt_number(value: Any, decimals: int = 0) -> str:
    if value is None:
        return "–"
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    d = Decimal(str(value)).quantize(q, rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)
    text = f"{d:f}"
    integer, _, frac = text.partition(".")
    return _group(integer) + ("," + frac if frac else "")


def fmt_eur(value: Any, cents: bool = False) -> str:
    if value is None:
        return "–"
    return fmt_number(value, 2 if cents else 0) + NBSP + "€"


def fmt_pct(fraction: Any, decimals: int = 1) -> str:
    if fraction is None:
        return "–"
    return fmt_number(Decimal(str(fraction)) * 100, decimals) + NBSP + "%"


def fmt_variation(fraction: Any) -> str:
    if fraction is None:
        return "–"
    d = Decimal(str(fraction)) * 100
    sign = "+" if d > 0 else ""
    return sign + fmt_number(d, 1) + NBSP + "%"


def fmt_hours(value: Any) -> str:
    return "–" if value is None else fmt_number(value, 0) + NBSP + "h"


def fmt_date(value: dt.date | None) -> str:
    return "–" if value is None else value.strftime("%d/%m/%Y")


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
