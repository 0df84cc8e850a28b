"""Objectives as the dashboard shows them: only those the reader may see, with attainment,
payout, the what-if levels, the pace projection and the payout range with probable spend.

Attainment and payout come from :mod:`pipelines.objectives` (one source of truth). For
objectives whose window is made of whole months, the KPI figures they read are taken from the
monthly marts (same numbers, tested) so that forty objectives do not scan the lines eighty times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.access import Access, pay_for
from pipelines.objectives import (
    ObjectiveResult,
    ObjectiveSpec,
    buyers_in_scope,
    list_objectives,
    parse_curve,
    period_state,
)
from pipelines.objectives.attainment import evaluate, measure, result_for
from pipelines.objectives.metrics import get_metric
from pipelines.objectives.whatif import whatif_values
from pipelines.queries.overview import spend_by, totals
from pipelines.queries.periods import Period, month_end
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.store.db import session_scope

ZERO = Decimal("0")


@dataclass(frozen=True)
class ObjectiveView:
    result: ObjectiveResult
    spec: ObjectiveSpec
    unit: str  # eur | share | count | hours
    scope: Scope  # the objective's own line scope
    elapsed: float  # share of the objective's window passed at the data date
    projected_attainment: Decimal | None
    at_risk: bool
    probable_payout_eur: Decimal | None
    levels: list[dict[str, Any]]  # threshold, target, cap: gap and payout (what-if)
    #: True when the objective's period is closed: its figures are frozen (the result carries
    #: the restatement), there is no projection, no risk and no payout range.
    closed: bool = False
    #: False when the reader may not see this owner's pay (pipelines.access.may_see_pay): then
    #: every pay field of the view (result, spec, levels, restatement) is None.
    pay_visible: bool = True

    @property
    def curve_points(self) -> list[tuple[float, float]]:
        curve = parse_curve(self.spec.curve)
        return [(float(a), float(r)) for a, r in curve.points]

    @property
    def is_step(self) -> bool:
        return parse_curve(self.spec.curve).step


def _month_aligned(spec: ObjectiveSpec) -> bool:
    return spec.period_start.day == 1 and spec.period_end == month_end(
        spec.period_end.replace(day=1)
    )


def _children(settings: Settings) -> dict[str, list[str]]:
    from pipelines.objectives.people import children_map

    with session_scope(settings) as session:
        return children_map(session)


def _prefill(
    con: duckdb.DuckDBPyConnection,
    specs: list[tuple[ObjectiveSpec, Scope]],
    settings: Settings,
) -> dict[Any, Any]:
    """The metrics' KPI cache, filled from the marts for month-aligned windows."""
    cache: dict[Any, Any] = {}
    windows = {(s.period_start, s.period_end) for s, _ in specs if _month_aligned(s)}
    for start, end in windows:
        period = Period.months(start, end)
        for include_probable in (False, True):
            by_buyer = {
                r["buyer"]: r
                for r in spend_by(
                    con, period, Scope(), settings, by="buyer", include_probable=include_probable
                )
            }
            for spec, scope in specs:
                if (spec.period_start, spec.period_end) != (start, end):
                    continue
                key = ("kpi_summary", start, end, scope, include_probable)
                if key in cache:
                    continue
                if scope.entities is None and scope.buyers is not None and len(scope.buyers) == 1:
                    row = by_buyer.get(scope.buyers[0])
                    if row is None:
                        row = totals(con, period, Scope(buyers=()), settings)
                    else:
                        row = {k: v for k, v in row.items() if k != "buyer"}
                else:
                    row = totals(con, period, scope, settings, include_probable=include_probable)
                cache[key] = {"from": start, "to": end, **row}
    return cache


def _live(
    con: duckdb.DuckDBPyConnection, specs: list[ObjectiveSpec], settings: Settings
) -> list[ObjectiveResult]:
    children = _children(settings)
    scoped = [(s, buyers_in_scope(s, settings, children=children)) for s in specs]
    cache = _prefill(con, scoped, settings)
    results = []
    for spec, scope in scoped:
        actual = measure(con, spec, scope, settings, cache=cache)
        probable = measure(con, spec, scope, settings, include_probable=True, cache=cache)
        results.append(result_for(spec, actual, probable))
    return results


def period_results(
    con: duckdb.DuckDBPyConnection,
    year: int,
    settings: Settings,
    *,
    owner: str | None = None,
) -> list[ObjectiveResult]:
    """Every objective of ``year`` (optionally one owner's), evaluated once for every reader:
    the frozen figures with their restatement when the year is closed, else today's figures,
    both with the KPI inputs taken from the monthly marts (same numbers as
    :func:`pipelines.objectives.compute_attainment`, tested)."""
    from pipelines.objectives.closing import closed_results

    frozen = closed_results(
        str(year), settings=settings, con=con, live=lambda specs: _live(con, specs, settings)
    )
    if frozen is not None:
        return [r for r in frozen if owner is None or r.owner == owner]
    return _live(con, list_objectives(settings, period=str(year), owner=owner), settings)


def _addressable(
    con: duckdb.DuckDBPyConnection, spec: ObjectiveSpec, scope: Scope, settings: Settings
) -> Decimal | None:
    if not _month_aligned(spec):
        return None
    row = totals(con, Period.months(spec.period_start, spec.period_end), scope, settings)
    return Decimal(row["addressable_spend_eur"])


def _elapsed(spec: ObjectiveSpec, as_of: dt.date | None) -> float:
    if as_of is None:
        return 1.0
    if as_of < spec.period_start:
        return 0.0
    if as_of >= spec.period_end:
        return 1.0
    return ((as_of - spec.period_start).days + 1) / ((spec.period_end - spec.period_start).days + 1)


def objective_views(
    con: duckdb.DuckDBPyConnection,
    year: int,
    access: Access,
    settings: Settings,
    *,
    as_of: dt.date | None = None,
    owner: str | None = None,
    results: list[ObjectiveResult] | None = None,
) -> list[ObjectiveView]:
    """The objectives of ``year`` the reader may see (optionally one owner's), evaluated; pay
    fields only where the reader may see that owner's pay (:func:`pipelines.access.pay_for`).
    ``results``: the year's :func:`period_results` when the caller already has them (the
    dashboard computes them once per year for every reader and the controls)."""
    if owner is not None and not access.may_see_owner(owner):
        return []
    specs = [
        s
        for s in list_objectives(settings, period=str(year), owner=owner)
        if access.may_see_owner(s.owner)
    ]
    if not specs:
        return []
    closed = period_state(str(year), settings).closed
    if results is None and closed:  # frozen figures and restatement: one home
        results = period_results(con, year, settings, owner=owner)
    if results is not None:
        results = [
            r
            for r in results
            if access.may_see_owner(r.owner) and (owner is None or r.owner == owner)
        ]
    else:  # an open year: only the objectives this reader may see are evaluated
        results = _live(con, specs, settings)
    children = _children(settings)
    views = []
    for result in results:
        spec = result.spec or next(s for s in specs if s.objective_id == result.objective_id)
        metric = get_metric(spec.metric)
        unit = metric.unit if metric else "eur"
        scope = buyers_in_scope(spec, settings, children=children)
        addressable = _addressable(con, spec, scope, settings) if unit == "share" else None
        what = whatif_values(spec, result.actual, unit=unit, addressable=addressable)
        curve = parse_curve(spec.curve)
        if closed:
            # Frozen: nothing left to project or to risk; the payout is the frozen one.
            elapsed, projected, at_risk = 1.0, None, False
            probable_payout = result.payout_eur
        else:
            elapsed = _elapsed(spec, as_of)
            if unit == "share":
                projected = result.attainment
            elif elapsed > 0:
                projected = (result.actual / Decimal(str(elapsed))) / spec.target
            else:
                projected = None
            at_risk = projected is not None and projected < curve.threshold
            probable_payout = evaluate(spec, result.probable_actual)[2]
        view = ObjectiveView(
            result,
            spec,
            unit,
            scope,
            elapsed,
            projected,
            at_risk,
            probable_payout,
            what["levels"],
            closed=closed,
            pay_visible=access.may_see_pay(spec.owner),
        )
        views.append(pay_for(access, spec.owner, view))
    return views


def objective_years(access: Access, settings: Settings) -> list[int]:
    """Years that hold at least one objective the reader may see."""
    return sorted(
        {s.period_end.year for s in list_objectives(settings) if access.may_see_owner(s.owner)}
    )
