"""Pure rules of social clauses (DOMAIN.md §7): planned hours, plausibility, on-track, FTE.

No I/O: every function takes its parameters and returns its figures with the steps that made
them, so a page or a report can show each parameter beside the figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Hours of one full-time equivalent over a year (35 h x 52 weeks - holidays, the legal 1,607 h).
FTE_HOURS = Decimal("1607")
ZERO = Decimal("0")
UNIT = Decimal("1")
CENT = Decimal("0.01")


def whole_hours(value: Decimal) -> Decimal:
    """Hours rounded half-up to the unit, as a clause states them."""
    return value.quantize(UNIT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PlanningParameters:
    """The parameters of a planned-hours estimate and where each one came from
    (``contract``: set on this contract with a reason; ``category`` or ``default``: the dated
    parameters)."""

    labour_share: Decimal
    hourly_cost_eur: Decimal
    clause_rate: Decimal
    labour_share_source: str = "default"
    hourly_cost_source: str = "default"
    clause_rate_source: str = "default"


@dataclass(frozen=True)
class PlannedHours:
    """amount x labour share / hourly cost x clause rate, with every step."""

    amount_eur: Decimal
    parameters: PlanningParameters
    labour_cost_eur: Decimal  # amount x labour share
    labour_hours: Decimal  # labour cost / hourly cost: every hour the contract holds
    hours: Decimal  # labour hours x clause rate, unrounded

    @property
    def rounded(self) -> Decimal:
        return whole_hours(self.hours)

    def steps(self) -> list[dict[str, object]]:
        p = self.parameters
        return [
            {"step": "amount_eur", "formula": "", "value": self.amount_eur},
            {"step": "labour_share", "formula": p.labour_share_source, "value": p.labour_share},
            {
                "step": "labour_cost_eur",
                "formula": "amount_eur x labour_share",
                "value": self.labour_cost_eur.quantize(CENT, rounding=ROUND_HALF_UP),
            },
            {
                "step": "hourly_cost_eur",
                "formula": p.hourly_cost_source,
                "value": p.hourly_cost_eur,
            },
            {
                "step": "labour_hours",
                "formula": "labour_cost_eur / hourly_cost_eur",
                "value": self.labour_hours.quantize(CENT, rounding=ROUND_HALF_UP),
            },
            {"step": "clause_rate", "formula": p.clause_rate_source, "value": p.clause_rate},
            {
                "step": "hours_planned",
                "formula": "labour_hours x clause_rate",
                "value": self.rounded,
            },
        ]


def planned_hours(amount_eur: Decimal, parameters: PlanningParameters) -> PlannedHours:
    """Insertion hours to require in a clause: amount excluding VAT x labour share of the
    category / average hourly cost x clause rate."""
    if parameters.hourly_cost_eur <= 0:
        raise ValueError("hourly cost must be positive")
    if amount_eur < 0:
        raise ValueError("amount must not be negative")
    labour_cost = amount_eur * parameters.labour_share
    labour_hours = labour_cost / parameters.hourly_cost_eur
    return PlannedHours(
        amount_eur, parameters, labour_cost, labour_hours, labour_hours * parameters.clause_rate
    )


def plausible_ceiling(
    amount_eur: Decimal, labour_share: Decimal, hourly_cost_eur: Decimal
) -> Decimal:
    """Every labour hour a contract can pay for: amount x labour share / hourly cost."""
    if hourly_cost_eur <= 0:
        raise ValueError("hourly cost must be positive")
    return amount_eur * labour_share / hourly_cost_eur


def is_implausible(declared_hours: Decimal, ceiling: Decimal | None) -> bool:
    """Declared insertion hours above every labour hour the contract holds: to check."""
    return ceiling is not None and declared_hours > ceiling


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def last_day_of_term(start: dt.date, months: int) -> dt.date:
    """The last day of a contract of ``months`` months starting on ``start`` (both included):
    12 months from 2019-06-25 end on 2020-06-24."""
    if months < 1:
        raise ValueError("a term lasts at least one month")
    return months_later(start, months) - dt.timedelta(days=1)


def elapsed_share(start: dt.date, end: dt.date, as_of: dt.date) -> Decimal:
    """Share of the contract's duration elapsed at ``as_of`` (0 before it starts, 1 after it
    ends; days counted with both ends included)."""
    if as_of < start:
        return ZERO
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


@dataclass(frozen=True)
class Pace:
    """``status``: ``on_track``, ``late``, ``not_started`` or ``no_requirement``."""

    status: str
    progress: Decimal | None  # declared / required
    elapsed: Decimal
    tolerance: Decimal


def pace(
    declared_hours: Decimal,
    required_hours: Decimal | None,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    tolerance: Decimal,
) -> Pace:
    """On track or late: a contract is late when declared / required is below the elapsed
    share of its duration minus ``tolerance`` (declared hours behind the time elapsed)."""
    elapsed = elapsed_share(start, end, as_of)
    if required_hours is None or required_hours <= 0:
        return Pace("no_requirement", None, elapsed, tolerance)
    progress = declared_hours / required_hours
    if as_of < start:
        return Pace("not_started", progress, elapsed, tolerance)
    status = "late" if progress < elapsed - tolerance else "on_track"
    return Pace(status, progress, elapsed, tolerance)


def fte(hours: Decimal) -> Decimal:
    """Full-time equivalents: hours / 1,607, to two decimals."""
    return (hours / FTE_HOURS).quantize(CENT, rounding=ROUND_HALF_UP)
