"""Number, money, percentage and date formats for the user's language: the one home shared by
the command line, the dashboard (dashboard/formatting.py re-exports it) and the reports.

French: ``1 234 567,89 €``, ``12,3 %``, ``31/12/2025`` (the spaces are non-breaking so that a
figure never wraps). English: ``€1,234,567.89``, ``12.3%``, ``2025-12-31``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def _missing(value: object) -> bool:
    return value is None or value != value  # None or NaN (pandas)


def _group(value: Decimal | float | int, decimals: int, lang: str) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "-0,00"
    text = f"{number:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def number(value: Decimal | float | int | None, decimals: int = 0, lang: str = "fr") -> str:
    if value is None or _missing(value):
        return "–"
    return _group(value, decimals, lang)


def money(value: Decimal | float | int | None, decimals: int = 2, lang: str = "fr") -> str:
    """``1 234 567,89 €`` (fr) or ``€1,234,567.89`` (en); ``–`` for a missing value."""
    if value is None or _missing(value):
        return "–"
    text = _group(value, decimals, lang)
    if lang == "en":
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
    return f"{text}{NBSP}€"


def money_short(value: Decimal | float | int | None, lang: str = "fr") -> str:
    """Compact amounts for tiles: ``1,23 M€``, ``45,6 k€``, ``9 800 €``."""
    if value is None or _missing(value):
        return "–"
    amount = Decimal(str(value))
    scales = ((Decimal(10**9), "G"), (Decimal(10**6), "M"), (Decimal(10**3), "k"))
    for threshold, suffix in scales:
        if abs(amount) >= max(threshold, Decimal(10**4)):  # below 10 000 €, whole euros
            scaled = amount / threshold
            decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            text = _group(scaled, decimals, lang)
            if decimals:  # 1,20 M€ -> 1,2 M€ ; 50,0 k€ -> 50 k€
                text = text.rstrip("0").rstrip(",.")
            if lang == "en":
                return f"€{text}{suffix}" if not text.startswith("-") else f"-€{text[1:]}{suffix}"
            return f"{text}{NBSP}{suffix}€"
    return money(amount, 0, lang)


def percent(value: float | Decimal | None, decimals: int = 1, lang: str = "fr") -> str:
    """A fraction as a percentage: 0.123 → ``12,3 %`` (fr) or ``12.3%`` (en)."""
    if value is None or _missing(value):
        return "–"
    text = _group(Decimal(str(value)) * 100, decimals, lang)
    return f"{text}%" if lang == "en" else f"{text}{NBSP}%"


def points(value: float | None, decimals: int = 1, lang: str = "fr") -> str:
    """A difference of two shares in percentage points: ``+0,4 pt``."""
    if value is None or _missing(value):
        return "–"
    text = _group(Decimal(str(value)) * 100, decimals, lang)
    sign = "+" if not text.startswith("-") else ""
    return f"{sign}{text} pt" if lang == "en" else f"{sign}{text}{NBSP}pt"


def signed_percent(value: float | None, decimals: int = 1, lang: str = "fr") -> str:
    if value is None or _missing(value):
        return "–"
    text = percent(value, decimals, lang)
    return text if text.startswith("-") else f"+{text}"


def date(value: dt.date | dt.datetime | None, lang: str = "fr") -> str:
    """``31/12/2025`` (fr) or ``2025-12-31`` (en)."""
    if value is None or _missing(value):
        return "–"
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return value.strftime("%d/%m/%Y %H:%M" if lang != "en" else "%Y-%m-%d %H:%M")
        value = value.date()  # a date read back as a timestamp (pandas)
    return value.strftime("%d/%m/%Y") if lang != "en" else value.isoformat()


def change(current: Decimal | float | None, previous: Decimal | float | None) -> float | None:
    """Relative change from ``previous`` to ``current`` (None when previous is zero or missing)."""
    if current is None or previous is None or previous == 0:
        return None
    return float(current) / float(previous) - 1.0
