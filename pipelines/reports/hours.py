"""Insertion hours: hours declared on contracts with a social clause plus an estimate for
insertion-family spend (amount x labour share / hourly cost). Always shown with its parameters.

Declared hours of a contract are spread evenly over its days: a period gets
``hours_achieved x days of the contract inside the period / days of the contract``.
Spend of a supplier whose contract covers the line's date is left out of the estimate (its hours
are declared), so nothing is counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from pipelines.reports.parameters import (
    CategoryRates,
    Version,
    hourly_costs_at,
    labour_shares_at,
)
from pipelines.scope import Scope
from pipelines.sql import load_sql

HOURS_QUANTUM = Decimal("0.01")
ZERO = Decimal("0")


def hours(value: Decimal) -> Decimal:
    return value.quantize(HOURS_QUANTUM, rounding=ROUND_HALF_UP)


def estimated_hours(
    amount_eur: Decimal, labour_share: Decimal, hourly_cost_eur: Decimal
) -> Decimal:
    """amount x labour share / hourly cost (unrounded)."""
    if hourly_cost_eur <= 0:
        raise ValueError("hourly cost must be positive")
    return amount_eur * labour_share / hourly_cost_eur


def prorated_hours(
    hours_achieved: Decimal | None,
    start: dt.date,
    end: dt.date,
    period_from: dt.date,
    period_to: dt.date,
) -> Decimal:
    """The share of a contract's hours that falls inside the period (days, both ends included)."""
    if hours_achieved is None or end < start:
        return ZERO
    lo, hi = max(start, period_from), min(end, period_to)
    if hi < lo:
        return ZERO
    inside = (hi - lo).days + 1
    total = (end - start).days + 1
    return hours_achieved * Decimal(inside) / Decimal(total)


@dataclass(frozen=True)
class EstimateRow:
    category: str | None
    spend_eur: Decimal
    labour_share: Decimal
    hourly_cost_eur: Decimal
    #: where each parameter came from: supplier, category or default (said, never silent)
    labour_share_source: str = "default"
    hourly_cost_source: str = "default"

    @property
    def hours(self) -> Decimal:
        return estimated_hours(self.spend_eur, self.labour_share, self.hourly_cost_eur)


def estimate_rows(
    spend: Iterable[tuple[str | None, str | None, Decimal]],
    shares: CategoryRates,
    costs: CategoryRates,
) -> list[EstimateRow]:
    """Group (category, siret, spend) by category x labour share x hourly cost (and sources)."""
    grouped: dict[tuple[str | None, Decimal, Decimal, str, str], Decimal] = {}
    for category, siret, amount in spend:
        share, share_source = shares.rate_and_source(category, siret)
        cost, cost_source = costs.rate_and_source(category, siret)
        key = (category, share, cost, share_source, cost_source)
        grouped[key] = grouped.get(key, ZERO) + amount
    return [
        EstimateRow(category, amount, share, cost, share_source, cost_source)
        for (category, share, cost, share_source, cost_source), amount in sorted(
            grouped.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or "", *kv[0][1:])
        )
    ]


def defaulted_categories(rows: Iterable[EstimateRow]) -> list[str]:
    """Categories (with spend) whose labour share fell back to the default: shown, not silent."""
    return sorted(
        {r.category or "(sans catégorie)" for r in rows if r.labour_share_source == "default"}
    )


def insertion_hours_report(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    *,
    scope: Scope | None = None,
    table: Mapping[str, list[Version]] | None = None,
) -> dict[str, Any]:
    """Declared + estimated insertion hours over a period, with every parameter used."""
    scope = scope or Scope.everything()
    shares = labour_shares_at(date_to, table)
    costs = hourly_costs_at(date_to, table)
    spend = con.execute(
        load_sql("reports/insertion_spend"),
        {"date_from": date_from, "date_to": date_to, **scope.params()},
    ).fetchall()
    rows = estimate_rows(((c, s, a) for c, s, a in spend), shares, costs)
    contracts: list[dict[str, Any]] = []
    declared = ZERO
    if scope.buyers is None:  # contracts are per entity, not per buyer
        cur = con.execute(
            load_sql("reports/social_clause_contracts"),
            {"date_from": date_from, "date_to": date_to, "entities": scope.params()["entities"]},
        )
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            c = dict(zip(names, values, strict=True))
            c["hours_in_period"] = hours(
                prorated_hours(
                    c["hours_achieved"], c["start_date"], c["end_date"], date_from, date_to
                )
            )
            declared += c["hours_in_period"]
            contracts.append(c)
    estimated = hours(sum((r.hours for r in rows), ZERO))
    return {
        "from": date_from,
        "to": date_to,
        "is_estimate": True,
        "declared_hours": declared,
        "estimated_hours": estimated,
        "insertion_hours": declared + estimated,
        "estimated_spend_eur": sum((r.spend_eur for r in rows), ZERO),
        "parameters": {
            "labour_share_default": shares.default,
            "hourly_cost_default_eur": costs.default,
            "labour_share_by_category": shares.by_category,
            "hourly_cost_by_category_eur": costs.by_category,
            "parameters_date": date_to,
            "labour_share_defaulted_categories": defaulted_categories(rows),
        },
        "estimate": [
            {
                "category": r.category,
                "spend_eur": r.spend_eur,
                "labour_share": r.labour_share,
                "labour_share_source": r.labour_share_source,
                "hourly_cost_eur": r.hourly_cost_eur,
                "hourly_cost_source": r.hourly_cost_source,
                "hours": hours(r.hours),
            }
            for r in rows
        ],
        "contracts": contracts,
    }


def insertion_hours(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    *,
    scope: Scope | None = None,
) -> Decimal:
    """The ``insertion_hours`` indicator (objective metric)."""
    return insertion_hours_report(con, date_from, date_to, scope=scope)["insertion_hours"]
