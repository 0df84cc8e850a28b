"""Objective metrics of the reports area, registered in the objectives metric registry.

- ``insertion_hours`` (hours): declared + estimated insertion hours over the objective's window;
  ``insertion_hours_declared`` and ``insertion_hours_estimated``: each part alone, so that an
  objective can target declared hours only (or the estimate only). Declared hours are the
  workspace's declarations where a contract has any, else the contracts file's (the rule:
  pipelines.reports.hours);
- ``oeth_deduction_eur`` (eur): the OETH deduction before its cap (30 % of the labour part of
  EA/EATT/ESAT/TIH spend); the cap needs the contribution, which an objective does not know.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pipelines.clauses.declared import DeclaredContract, read_declared_contracts
from pipelines.objectives.metrics import Metric, MetricContext, register_metric
from pipelines.reports.hours import insertion_hours_report
from pipelines.reports.oeth import deduction_before_cap, oeth_spend
from pipelines.reports.parameters import decimal_at


def _declared_contracts(ctx: MetricContext) -> tuple[DeclaredContract, ...]:
    """The workspace's declarations, read from the store once per computation."""
    key = ("clause_declared_contracts",)
    if key not in ctx.cache:
        ctx.cache[key] = read_declared_contracts(ctx.settings)
    return ctx.cache[key]


def _hours_report(ctx: MetricContext) -> dict[str, Any]:
    key = ("insertion_hours_report", ctx.date_from, ctx.date_to, ctx.scope)
    if key not in ctx.cache:
        ctx.cache[key] = insertion_hours_report(
            ctx.con,
            ctx.date_from,
            ctx.date_to,
            scope=ctx.scope,
            declared=_declared_contracts(ctx),
        )
    return ctx.cache[key]


def _insertion_hours(ctx: MetricContext) -> Decimal:
    return Decimal(_hours_report(ctx)["insertion_hours"])


def _declared_hours(ctx: MetricContext) -> Decimal:
    return Decimal(_hours_report(ctx)["declared_hours"])


def _estimated_hours(ctx: MetricContext) -> Decimal:
    return Decimal(_hours_report(ctx)["estimated_hours"])


def _oeth_deduction(ctx: MetricContext) -> Decimal:
    spend = oeth_spend(ctx.con, ctx.date_from, ctx.date_to, scope=ctx.scope)
    return deduction_before_cap(spend, decimal_at("oeth_deduction_rate", ctx.date_to))


register_metric(Metric("insertion_hours", "hours", _insertion_hours))
register_metric(Metric("insertion_hours_declared", "hours", _declared_hours))
register_metric(Metric("insertion_hours_estimated", "hours", _estimated_hours))
register_metric(Metric("oeth_deduction_eur", "eur", _oeth_deduction))
