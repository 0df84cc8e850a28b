"""Which indicator an objective measures: a registry ``metric key -> function``.

Each metric reads the warehouse over a window and a scope and returns a Decimal. KPI-report
metrics come from :func:`pipelines.kpi.kpi_summary`; others register themselves here::

    from pipelines.objectives.metrics import Metric, register_metric
    register_metric(Metric("insertion_hours", "hours", compute_insertion_hours))

Modules named in :data:`PLUGIN_MODULES` are imported on first use so that their metrics exist
(the reports area adds ``insertion_hours`` and ``oeth_deduction_eur`` that way).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from pipelines.kpi import inclusive_families, kpi_summary
from pipelines.objectives.periods import previous_window
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql

#: Units decide how a what-if "extra amount" applies: eur adds euros, share adds euros to the
#: numerator over the same addressable spend, count and hours add units.
UNITS = ("eur", "share", "count", "hours")

#: Imported on first use; each registers its metrics at import. Missing modules are skipped.
PLUGIN_MODULES = ("pipelines.reports.objective_metrics",)


@dataclass(frozen=True)
class MetricContext:
    con: duckdb.DuckDBPyConnection
    date_from: dt.date
    date_to: dt.date
    scope: Scope
    include_probable: bool
    settings: Settings
    #: Shared by the objectives of one computation: objectives with the same window and scope
    #: read the KPI summary once.
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Metric:
    key: str
    unit: str
    compute: Callable[[MetricContext], Decimal]


METRICS: dict[str, Metric] = {}
_plugins_loaded = False


def register_metric(metric: Metric) -> Metric:
    if metric.unit not in UNITS:
        raise ValueError(f"metric {metric.key}: unit {metric.unit!r} not in {UNITS}")
    METRICS[metric.key] = metric
    return metric


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for name in PLUGIN_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise


def get_metric(key: str) -> Metric | None:
    _load_plugins()
    return METRICS.get(key)


def metric_keys() -> list[str]:
    _load_plugins()
    return sorted(METRICS)


SHARE_QUANTUM = Decimal("0.000001")


def _kpi(ctx: MetricContext) -> dict[str, Any]:
    key = ("kpi_summary", ctx.date_from, ctx.date_to, ctx.scope, ctx.include_probable)
    if key not in ctx.cache:
        ctx.cache[key] = kpi_summary(
            ctx.con,
            ctx.date_from,
            ctx.date_to,
            scope=ctx.scope,
            include_probable=ctx.include_probable,
            settings=ctx.settings,
        )
    return ctx.cache[key]


def _kpi_amount(key: str) -> Callable[[MetricContext], Decimal]:
    def compute(ctx: MetricContext) -> Decimal:
        value = _kpi(ctx)[key]
        return Decimal(value) if value is not None else Decimal("0")

    return compute


def _inclusive_share(ctx: MetricContext) -> Decimal:
    """Inclusive / addressable spend, as the KPI report rounds it (6 decimals); 0 without spend."""
    row = _kpi(ctx)
    addressable = Decimal(row["addressable_spend_eur"])
    if addressable == 0:
        return Decimal("0")
    share = Decimal(row["inclusive_spend_eur"]) / addressable
    return share.quantize(SHARE_QUANTUM, rounding=ROUND_HALF_UP)


def _new_inclusive_suppliers(ctx: MetricContext) -> Decimal:
    prev_from, prev_to = previous_window(ctx.date_from, ctx.date_to)
    params = {
        "date_from": ctx.date_from,
        "date_to": ctx.date_to,
        "prev_from": prev_from,
        "prev_to": prev_to,
        "inclusive_families": inclusive_families(ctx.settings),
        "counted_statuses": ["certain", "probable"] if ctx.include_probable else ["certain"],
        **ctx.scope.params(),
    }
    row = ctx.con.execute(load_sql("objectives/new_inclusive_suppliers"), params).fetchone()
    return Decimal(row[0] if row else 0)


for _key in (
    "inclusive_spend_eur",
    "insertion_spend_eur",
    "handicap_spend_eur",
    "ess_spend_eur",
    "spend_eur",
    "addressable_spend_eur",
):
    register_metric(Metric(_key, "eur", _kpi_amount(_key)))
register_metric(Metric("inclusive_share", "share", _inclusive_share))
register_metric(Metric("inclusive_suppliers", "count", _kpi_amount("inclusive_suppliers")))
register_metric(Metric("new_inclusive_suppliers", "count", _new_inclusive_suppliers))


def addressable_spend(ctx: MetricContext) -> Decimal:
    """Denominator of share metrics (for what-if conversions of a share gap into euros)."""
    return Decimal(_kpi(ctx)["addressable_spend_eur"])
