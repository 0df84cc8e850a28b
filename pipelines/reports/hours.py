"""Insertion hours: hours declared on contracts with a social clause plus an estimate for
insertion-family spend (amount x labour share / hourly cost). Always shown with its parameters.

Where a contract's declared hours come from (the rule, stated once; the report, ``asr report
hours``, the annual report and the objective metrics all go through :func:`insertion_hours_report`):

- a contract with declarations in force in the workspace (``declared``, read from the store by
  :func:`pipelines.clauses.declared.declared_contracts`) counts those declarations, corrections
  applied, each spread evenly over its own period's days;
- any other contract counts the ``hours_achieved`` of the contracts file, spread evenly over the
  contract's days: ``hours_achieved x days of the contract inside the period / days of the
  contract``.

Spend of a supplier whose contract (either kind) covers the line's date is left out of the
estimate (its hours are declared), so declared and estimated hours are never added for the same
contract and period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines.reports.parameters import (
    CategoryRates,
    Version,
    hourly_costs_at,
    labour_shares_at,
)
from pipelines.scope import Scope
from pipelines.sql import load_sql

if TYPE_CHECKING:
    from pipelines.clauses.declared import DeclaredContract

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


def declared_hours_in(
    declarations: Iterable[Any], period_from: dt.date, period_to: dt.date
) -> Decimal:
    """Hours of declarations (``period_start``, ``period_end``, ``hours``) inside the period,
    each spread evenly over its own days (unrounded)."""
    return sum(
        (
            prorated_hours(d.hours, d.period_start, d.period_end, period_from, period_to)
            for d in declarations
        ),
        ZERO,
    )


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
    declared: Sequence[DeclaredContract] = (),
) -> dict[str, Any]:
    """Declared + estimated insertion hours over a period, with every parameter used.

    ``declared``: the workspace's contracts with declarations (the module's rule); empty, every
    contract counts the contracts file's hours."""
    scope = scope or Scope.everything()
    shares = labour_shares_at(date_to, table)
    costs = hourly_costs_at(date_to, table)
    # A buyer's scope counts the workspace contracts that buyer owns; the contracts file names
    # no buyer, so its contracts count in entity and organisation scopes only.
    file_contracts = scope.buyers is None
    if scope.buyers is not None:
        declared = [c for c in declared if c.buyer in scope.buyers]
    by_key = {c.key: c for c in declared}
    spend = con.execute(
        load_sql("reports/insertion_spend"),
        {
            "date_from": date_from,
            "date_to": date_to,
            **scope.params(),
            "file_contracts": file_contracts,
            "declared": [
                {
                    "entity": c.entity,
                    "supplier_siret": c.contractor_siret,
                    "start_date": c.start_date,
                    "end_date": c.end_date,
                }
                for c in declared
            ],
        },
    ).fetchall()
    rows = estimate_rows(((c, s, a) for c, s, a in spend), shares, costs)
    contracts: list[dict[str, Any]] = []
    declared_total = ZERO
    cur = con.execute(
        load_sql("reports/social_clause_contracts"),
        {
            "date_from": date_from,
            "date_to": date_to,
            "entities": scope.params()["entities"],
            "file_contracts": file_contracts,
            "declared": [
                {
                    "entity": c.entity,
                    "contract_id": c.contract_id,
                    "supplier_siret": c.contractor_siret,
                    "supplier_name": c.contractor_name,
                    "start_date": c.start_date,
                    "end_date": c.end_date,
                    "amount_eur": c.amount_eur,
                    "hours_required": c.hours_required,
                }
                for c in declared
            ],
        },
    )
    names = [d[0] for d in cur.description]
    for values in cur.fetchall():
        c = dict(zip(names, values, strict=True))
        workspace = by_key.get((c["entity"], c["contract_id"]))
        if c["hours_source"] == "declarations" and workspace is not None:
            c["hours_achieved"] = workspace.hours_declared
            c["hours_in_period"] = hours(
                declared_hours_in(workspace.declarations, date_from, date_to)
            )
        else:
            c["hours_in_period"] = hours(
                prorated_hours(
                    c["hours_achieved"], c["start_date"], c["end_date"], date_from, date_to
                )
            )
        declared_total += c["hours_in_period"]
        contracts.append(c)
    estimated = hours(sum((r.hours for r in rows), ZERO))
    return {
        "from": date_from,
        "to": date_to,
        "is_estimate": True,
        "declared_hours": declared_total,
        "estimated_hours": estimated,
        "insertion_hours": declared_total + estimated,
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
    declared: Sequence[DeclaredContract] = (),
) -> Decimal:
    """The ``insertion_hours`` indicator (objective metric)."""
    report = insertion_hours_report(con, date_from, date_to, scope=scope, declared=declared)
    return report["insertion_hours"]
