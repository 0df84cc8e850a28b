"""Objective metrics of the reports area, registered in the objectives metric registry.

- ``insertion_hours`` (hours): declared + estimated insertion hours over the objective's window;
  ``insertion_hours_declared`` and ``insertion_hours_estimated``: each part alone, so that an
  objective can target declared hours only (or the estimate only);
- ``oeth_deduction_eur`` (eur): the OETH deduction before its cap (30 % of the labour part of
  EA/EATT/ESAT/TIH spend); the cap needs the contribution, which an objective does not know.
"""

from __future__ import annotations

from decimal import Decimal

from pipelines.objectives.metrics import Metric, MetricContext, register_metric
from pipelines.reports.hours import insertion_hours, insertion_hours_report
from pipelines.reports.oeth import deduction_before_cap, oeth_spend
from pipelines.reports.parameters import decimal_at


def _insertion_hours(ctx: MetricContext) -> Decimal:
    return insertion_hours(ctx.con, ctx.date_from, ctx.date_to, scope=ctx.scope)


def _declared_hours(ctx: MetricContext) -> Decimal:
    report = insertion_hours_report(ctx.con, ctx.date_from, ctx.date_to, scope=ctx.scope)
    return Decimal(report["declared_hours"])


def _estimated_hours(ctx: MetricContext) -> Decimal:
    report = insertion_hours_report(ctx.con, ctx.date_from, ctx.date_to, scope=ctx.scope)
    return Decimal(report["estimated_hours"])


def _oeth_deduction(ctx: MetricContext) -> Decimal:
    spend = oeth_spend(ctx.con, ctx.date_from, ctx.date_to, scope=ctx.scope)
    return deduction_before_cap(spend, decimal_at("oeth_deduction_rate", ctx.date_to))


register_metric(Metric("insertion_hours", "hours", _insertion_hours))
register_metric(Metric("insertion_hours_declared", "hours", _declared_hours))
register_metric(Metric("insertion_hours_estimated", "hours", _estimated_hours))
register_metric(Metric("oeth_deduction_eur", "eur", _oeth_deduction))
