"""The dated parameters of social clauses, read from the one parameters table
(pipelines/reports/parameters/parameters.yaml), and a contract's own planning parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from pipelines.clauses.rules import PlanningParameters
from pipelines.reports.parameters import (
    Version,
    dec,
    decimal_at,
    hourly_costs_at,
    labour_shares_at,
    load_table,
    value_at,
)
from pipelines.textinput import parse_date

Table = Mapping[str, list[Version]] | None


def planning_parameters(
    at: dt.date,
    *,
    category: str | None = None,
    siret: str | None = None,
    labour_share: Decimal | None = None,
    hourly_cost_eur: Decimal | None = None,
    clause_rate: Decimal | None = None,
    table: Table = None,
) -> PlanningParameters:
    """A contract's own values where set (source ``contract``), else the dated parameters in
    force at ``at`` (by supplier, category or default). A contract that starts before the first
    version of a parameter (a DECP contract notified in 2019) is estimated with that first
    version rather than refused: the figure is an estimate, and its parameters are shown."""
    at = _not_before_first(at, table)
    share, share_source = labour_shares_at(at, table).rate_and_source(category, siret)
    cost, cost_source = hourly_costs_at(at, table).rate_and_source(category, siret)
    rate = decimal_at("clause_rate", at, table)
    return PlanningParameters(
        labour_share=labour_share if labour_share is not None else share,
        hourly_cost_eur=hourly_cost_eur if hourly_cost_eur is not None else cost,
        clause_rate=clause_rate if clause_rate is not None else rate,
        labour_share_source="contract" if labour_share is not None else share_source,
        hourly_cost_source="contract" if hourly_cost_eur is not None else cost_source,
        clause_rate_source="contract" if clause_rate is not None else "default",
    )


#: the parameters of an estimate of insertion hours
PLANNING = ("labour_share", "insertion_hourly_cost_eur", "clause_rate")


def _not_before_first(at: dt.date, table: Table) -> dt.date:
    versions = table if table is not None else load_table()
    firsts = [versions[name][0].valid_from for name in PLANNING if versions.get(name)]
    return max([at, *firsts])


def on_track_tolerance(at: dt.date, table: Table = None) -> Decimal:
    return decimal_at("clause_on_track_tolerance", at, table)


def opportunity_min_spend(at: dt.date, table: Table = None) -> Decimal:
    return decimal_at("clause_opportunity_min_spend_eur", at, table)


@dataclass(frozen=True)
class EuThresholds:
    works: Decimal
    central: Decimal
    local: Decimal
    compulsory_from: dt.date

    def threshold(self, is_works: bool, is_central: bool = False) -> Decimal:
        if is_works:
            return self.works
        return self.central if is_central else self.local


def eu_thresholds(at: dt.date, table: Table = None) -> EuThresholds:
    value = value_at("eu_procurement_thresholds_eur", at, table)
    where = "eu_procurement_thresholds_eur"
    since = value_at("social_consideration_compulsory_from", at, table)
    day = parse_date(str(since))
    assert day is not None
    return EuThresholds(
        dec(value["works"], where), dec(value["central"], where), dec(value["local"], where), day
    )
