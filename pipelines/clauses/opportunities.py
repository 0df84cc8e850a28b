"""Which coming tenders or renewals could carry a social clause (DOMAIN.md §7, issue 14):

- register contracts ending within a horizon (their renewal can carry a clause again);
- recurring ledger spend per entity and category, at or above a threshold over the last 12
  months, with no clause contract of that entity and category;
- public contracts (DECP) above the EU thresholds notified from the date of the climate and
  resilience law (art. 35) without a social consideration: flagged.

Each comes with its estimated hours (amount x labour share / hourly cost x clause rate) and the
buyer who owns it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.access import ClauseView
from pipelines.clauses.parameters import eu_thresholds, opportunity_min_spend, planning_parameters
from pipelines.clauses.rules import planned_hours
from pipelines.reports.parameters import Version
from pipelines.reports.query import fetch_dicts
from pipelines.scope import Scope
from pipelines.store.models import ClauseContract

Table = Mapping[str, list[Version]] | None
#: Spend in at least this many distinct months of the window makes it recurring.
MIN_MONTHS = 3
WINDOW_DAYS = 365


def _estimate(amount: Decimal | None, at: dt.date, category: str | None, table: Table) -> Any:
    if amount is None:
        return None
    return planned_hours(Decimal(amount), planning_parameters(at, category=category, table=table))


def ending_contracts(
    contracts: Iterable[ClauseContract], as_of: dt.date, horizon_days: int, table: Table = None
) -> list[dict[str, Any]]:
    """Register contracts ending between ``as_of`` and ``as_of + horizon_days``."""
    last = as_of + dt.timedelta(days=horizon_days)
    out = []
    for c in contracts:
        if as_of <= c.end_date <= last:
            plan = _estimate(c.amount_eur, as_of, c.category, table)
            out.append(
                {
                    "kind": "renewal",
                    "entity": c.entity,
                    "buyer": c.buyer,
                    "reference": c.contract_id,
                    "category": c.category,
                    "amount_eur": c.amount_eur,
                    "date": c.end_date,
                    "hours_estimated": plan.rounded if plan else None,
                    "labour_share": plan.parameters.labour_share if plan else None,
                    "hourly_cost_eur": plan.parameters.hourly_cost_eur if plan else None,
                    "clause_rate": plan.parameters.clause_rate if plan else None,
                }
            )
    return sorted(out, key=lambda r: (r["date"], r["entity"], r["reference"]))


def recurring_spend(
    con: duckdb.DuckDBPyConnection,
    contracts: Iterable[ClauseContract],
    as_of: dt.date,
    *,
    scope: Scope | None = None,
    min_spend_eur: Decimal | None = None,
    table: Table = None,
) -> list[dict[str, Any]]:
    """Recurring spend per (entity, category) at or above the threshold with no clause contract."""
    scope = scope or Scope.everything()
    threshold = min_spend_eur if min_spend_eur is not None else opportunity_min_spend(as_of, table)
    covered = {(c.entity, (c.category or "").casefold()) for c in contracts}
    rows = fetch_dicts(
        con,
        "clauses/recurring_spend",
        {
            "date_from": as_of - dt.timedelta(days=WINDOW_DAYS - 1),
            "date_to": as_of,
            "min_months": MIN_MONTHS,
            **scope.params(),
        },
    )
    out = []
    for r in rows:
        if r["spend_eur"] < threshold or (r["entity"], r["category"].casefold()) in covered:
            continue
        plan = _estimate(r["spend_eur"], as_of, r["category"], table)
        out.append(
            {
                "kind": "recurring_spend",
                "entity": r["entity"],
                "buyer": r["buyer"],
                "reference": r["category"],
                "category": r["category"],
                "amount_eur": r["spend_eur"],
                "date": None,
                "hours_estimated": plan.rounded if plan else None,
                "labour_share": plan.parameters.labour_share if plan else None,
                "hourly_cost_eur": plan.parameters.hourly_cost_eur if plan else None,
                "clause_rate": plan.parameters.clause_rate if plan else None,
            }
        )
    return out


def is_works(nature: str | None, cpv: str | None) -> bool:
    """A works contract: its nature says so, or its CPV code is in division 45 (construction)."""
    text = (nature or "").casefold()
    return "travaux" in text or "works" in text or (cpv or "").startswith("45")


def art35_flags(con: duckdb.DuckDBPyConnection, as_of: dt.date, table: Table = None) -> list[dict]:
    """DECP contracts notified from the art. 35 date, above the EU threshold of their kind, with
    no social consideration (pipelines.reports.decp decides what counts)."""
    from pipelines.reports.decp import is_social_consideration

    thresholds = eu_thresholds(as_of, table)
    lowest = min(thresholds.works, thresholds.central, thresholds.local)
    rows = fetch_dicts(
        con,
        "clauses/decp_without_social",
        {"notified_from": thresholds.compulsory_from, "min_amount": lowest},
    )
    out = []
    for r in rows:
        if any(is_social_consideration(x) for x in (r["social_considerations"] or [])):
            continue
        works = is_works(r["nature"], r["cpv_code"])
        threshold = thresholds.threshold(works)
        if r["amount_eur"] < threshold:
            continue
        plan = _estimate(r["amount_eur"], as_of, "Travaux" if works else None, table)
        out.append(
            {
                "kind": "art35",
                "entity": r["buyer_name"] or r["buyer_id"],
                "buyer": r["buyer_id"],
                "reference": r["contract_uid"],
                "category": r["cpv_code"],
                "amount_eur": r["amount_eur"],
                "date": r["notification_date"],
                "threshold_eur": threshold,
                "hours_estimated": plan.rounded if plan else None,
                "labour_share": plan.parameters.labour_share if plan else None,
                "hourly_cost_eur": plan.parameters.hourly_cost_eur if plan else None,
                "clause_rate": plan.parameters.clause_rate if plan else None,
            }
        )
    return out


def opportunities(
    con: duckdb.DuckDBPyConnection | None,
    contracts: list[ClauseContract],
    view: ClauseView,
    as_of: dt.date,
    *,
    horizon_days: int = 180,
    min_spend_eur: Decimal | None = None,
    table: Table = None,
) -> list[dict[str, Any]]:
    """Every opportunity the reader may see (a buyer: their own)."""
    mine = [c for c in contracts if view.may_see_contract(c.buyer)]
    rows = ending_contracts(mine, as_of, horizon_days, table)
    if con is not None:
        scope = Scope.everything() if view.buyers is None else Scope(buyers=view.buyers)
        rows += recurring_spend(
            con, contracts, as_of, scope=scope, min_spend_eur=min_spend_eur, table=table
        )
        if view.buyers is None:  # public buyers' contracts are not a person's portfolio
            rows += art35_flags(con, as_of, table)
    return rows
