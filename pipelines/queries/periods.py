"""Reporting periods of the dashboard: a year, a quarter, a month or a custom month range.

A period is written as text so that it fits in a URL: ``2025``, ``2025-Q2``, ``2025-03`` or
``2025-01..2025-06``. Every period is made of whole months, so the pre-aggregated monthly marts
answer exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.errors import UserError

GRANULARITIES = ("year", "quarter", "month", "custom")
_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


_SHORT_MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_SHORT_MONTHS_EN = tuple(m[:3] for m in _MONTHS_EN)


#: years a period may name (a shared link with ?period=0001 must not reach the date arithmetic)
MIN_YEAR, MAX_YEAR = 1900, 2999


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _from_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(first: dt.date) -> dt.date:
    return _from_index(_month_index(first) + 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    granularity: str
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month (inclusive)

    # -- constructors -------------------------------------------------------------------------
    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * (quarter - 1) + 1, 1)
        return cls("quarter", first, month_end(_from_index(_month_index(first) + 2)))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls("month", first, month_end(first))

    @classmethod
    def months(cls, first: dt.date, last: dt.date) -> Period:
        a, b = sorted((_month_index(first), _month_index(last)))
        return cls("custom", _from_index(a), month_end(_from_index(b)))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025``, ``2025-Q2``, ``2025-03`` or ``2025-01..2025-06``."""
        value = (text or "").strip()
        years = [int(y) for y in re.findall(r"(?:^|\.\.)(\d{4})", value)]
        if any(not MIN_YEAR <= y <= MAX_YEAR for y in years):
            raise UserError(
                f"Période « {text} » hors plage : années {MIN_YEAR} à {MAX_YEAR}.",
                f"Period {text!r} out of range: years {MIN_YEAR} to {MAX_YEAR}.",
            )
        try:
            if m := re.fullmatch(r"(\d{4})", value):
                return cls.year(int(m[1]))
            if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", value):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", value):
                return cls.months(
                    dt.date(int(m[1]), int(m[2]), 1), dt.date(int(m[3]), int(m[4]), 1)
                )
        except ValueError:
            pass
        raise UserError(
            f"Période « {text} » illisible ; attendu 2025, 2025-Q2, 2025-03 ou 2025-01..2025-06.",
            f"Cannot read period {text!r}; expected 2025, 2025-Q2, 2025-03 or 2025-01..2025-06.",
        )

    # -- properties ---------------------------------------------------------------------------
    @property
    def month_count(self) -> int:
        return _month_index(self.end) - _month_index(self.start) + 1

    def month_starts(self) -> list[dt.date]:
        first = _month_index(self.start)
        return [_from_index(first + i) for i in range(self.month_count)]

    def key(self) -> str:
        """The URL form, inverse of :meth:`parse`."""
        if self.granularity == "year":
            return f"{self.start.year}"
        if self.granularity == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.granularity == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}..{self.end:%Y-%m}"

    def previous(self) -> Period:
        """The period of the same length just before (the year before for a year)."""
        if self.granularity == "year":
            return Period.year(self.start.year - 1)
        first = _month_index(self.start) - self.month_count
        previous = Period.months(_from_index(first), _from_index(first + self.month_count - 1))
        return Period(self.granularity, previous.start, previous.end)

    def like_for_like(self, last_data_month: dt.date | None) -> tuple[Period, Period]:
        """(this period, the one to compare it with) on the same months.

        When the data stop inside this period (a year in progress), the comparison is cut to the
        months that have data, and set against the same months of the previous period: January
        to November 2026 against January to November 2025, not against all of 2025.
        """
        last = _month_index(last_data_month) if last_data_month else None
        if last is None or last >= _month_index(self.end) or last < _month_index(self.start):
            return self, self.previous()
        current = Period.months(self.start, _from_index(last))
        shift = 12 if self.granularity == "year" else self.month_count
        first = _month_index(self.start) - shift
        previous = Period.months(_from_index(first), _from_index(first + current.month_count - 1))
        return current, previous

    def elapsed_fraction(self, today: dt.date) -> float:
        """Share of the period's days already passed on ``today`` (0 before, 1 after)."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / ((self.end - self.start).days + 1)

    def label(self, lang: str = "fr") -> str:
        months = _MONTHS_EN if lang == "en" else _MONTHS_FR
        if self.granularity == "year":
            return str(self.start.year)
        if self.granularity == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return f"Q{q} {self.start.year}" if lang == "en" else f"T{q} {self.start.year}"
        if self.granularity == "month":
            return f"{months[self.start.month - 1]} {self.start.year}"
        short = _SHORT_MONTHS_EN if lang == "en" else _SHORT_MONTHS_FR
        if self.start.year == self.end.year:
            a = short[self.start.month - 1]
        else:
            a = f"{short[self.start.month - 1]} {self.start.year}"
        return f"{a} – {short[self.end.month - 1]} {self.end.year}"
