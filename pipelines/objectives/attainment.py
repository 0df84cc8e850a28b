"""Attainment and payout of objectives over a period (DOMAIN.md section 8)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from pipelines.objectives.curves import parse_curve, payout_eur, payout_rate, plain
from pipelines.objectives.definitions import ObjectiveSpec, list_objectives
from pipelines.objectives.metrics import MetricContext, get_metric
from pipelines.objectives.people import _descendants, children_map
from pipelines.objectives.periods import parse_period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.store.db import session_scope

#: Attainment and payout rate are shown as fractions with this many decimals; the payout is
#: computed from the unrounded rate and rounded to the cent.
FRACTION_QUANTUM = Decimal("0.000001")

#: Keys of one objective in ``asr report attainment --format json``, in order.
RESULT_KEYS = (
    "objective_id",
    "owner",
    "metric",
    "target",
    "actual",
    "attainment",
    "payout_rate",
    "weight",
    "variable_pay_eur",
    "payout_eur",
    "probable_actual",
    "status",
)


def fraction(value: Decimal) -> Decimal:
    return plain(value.quantize(FRACTION_QUANTUM, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Restatement:
    """A closed figure beside the figure today's data would give (same objective definition)."""

    closed_actual: Decimal
    current_actual: Decimal
    actual_difference: Decimal
    closed_payout_eur: Decimal
    current_payout_eur: Decimal
    payout_difference_eur: Decimal

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ObjectiveResult:
    objective_id: str
    owner: str
    metric: str
    target: Decimal
    actual: Decimal
    attainment: Decimal
    payout_rate: Decimal
    weight: Decimal
    variable_pay_eur: Decimal
    payout_eur: Decimal
    probable_actual: Decimal
    status: str  # open | closed
    restatement: Restatement | None = None
    spec: ObjectiveSpec | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the issue; closed results add ``restatement``."""
        body = {k: getattr(self, k) for k in RESULT_KEYS}
        if self.status == "closed":
            body["restatement"] = self.restatement.to_dict() if self.restatement else None
        return body

    def figures(self) -> dict[str, Any]:
        """What a closing freezes (strings keep Decimals exact in JSON)."""
        body = {k: getattr(self, k) for k in RESULT_KEYS if k != "status"}
        return {k: str(v) if isinstance(v, Decimal) else v for k, v in body.items()}


def buyers_in_scope(
    objective: ObjectiveSpec,
    settings: Settings,
    *,
    children: dict[str, list[str]] | None = None,
) -> Scope:
    """Row-level scope of an objective: all, one entity, one buyer, or a manager's whole subtree.

    A ``manager`` scope holds every person under the manager at any depth, and the manager.
    """
    if objective.scope_type == "all":
        return Scope.everything()
    if objective.scope_type == "entity":
        return Scope(entities=(objective.scope_value or "",))
    person = objective.scope_value or objective.owner
    if objective.scope_type == "buyer":
        return Scope(buyers=(person,))
    if objective.scope_type == "manager":
        if children is None:
            with session_scope(settings) as session:
                children = children_map(session)
        return Scope(buyers=tuple(sorted(_descendants(person, children) | {person})))
    raise ValueError(f"objective {objective.objective_id}: unknown scope {objective.scope_type!r}")


def measure(
    con: duckdb.DuckDBPyConnection,
    spec: ObjectiveSpec,
    scope: Scope,
    settings: Settings,
    *,
    include_probable: bool = False,
    cache: dict[Any, Any] | None = None,
) -> Decimal:
    """The objective's metric over its own window and scope."""
    metric = get_metric(spec.metric)
    if metric is None:
        raise ValueError(f"objective {spec.objective_id}: unknown metric {spec.metric!r}")
    ctx = MetricContext(
        con,
        spec.period_start,
        spec.period_end,
        scope,
        include_probable,
        settings,
        cache if cache is not None else {},
    )
    return metric.compute(ctx)


def evaluate(spec: ObjectiveSpec, actual: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(attainment, payout rate, payout in euros) of an actual value; all exact, pure."""
    attainment = actual / spec.target
    rate = payout_rate(parse_curve(spec.curve), attainment)
    return attainment, rate, payout_eur(spec.variable_pay_eur, spec.weight, rate)


def result_for(
    spec: ObjectiveSpec, actual: Decimal, probable_actual: Decimal, status: str = "open"
) -> ObjectiveResult:
    attainment, rate, payout = evaluate(spec, actual)
    return ObjectiveResult(
        objective_id=spec.objective_id,
        owner=spec.owner,
        metric=spec.metric,
        target=spec.target,
        actual=actual,
        attainment=fraction(attainment),
        payout_rate=fraction(rate),
        weight=spec.weight,
        variable_pay_eur=spec.variable_pay_eur,
        payout_eur=payout,
        probable_actual=probable_actual,
        status=status,
        spec=spec,
    )


def compute_live(
    specs: Iterable[ObjectiveSpec],
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[ObjectiveResult]:
    """Results of ``specs`` on the warehouse as it is now (status ``open``)."""
    from pipelines.warehouse import connect_read

    specs = list(specs)
    if not specs:
        return []
    with session_scope(settings) as session:
        children = children_map(session)
    own = con is None
    con = con or connect_read(settings)
    try:
        results = []
        cache: dict[Any, Any] = {}
        for spec in specs:
            scope = buyers_in_scope(spec, settings, children=children)
            actual = measure(con, spec, scope, settings, cache=cache)
            probable = measure(con, spec, scope, settings, include_probable=True, cache=cache)
            results.append(result_for(spec, actual, probable))
        return results
    finally:
        if own:
            con.close()


def compute_attainment(
    period: str,
    *,
    owner: str | None = None,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[ObjectiveResult]:
    """Every objective ending in ``period`` (optionally one owner's), with actual and payout.

    ``actual`` counts certain spend only; ``probable_actual`` adds the spend still to confirm.
    A closed period returns the frozen figures (status ``closed``) with a restatement against
    today's data.
    """
    from pipelines.objectives.closing import closed_results

    parse_period(period)
    frozen = closed_results(period, settings=settings, con=con)
    if frozen is not None:
        return [r for r in frozen if owner is None or r.owner == owner]
    return compute_live(list_objectives(settings, period=period, owner=owner), settings, con)
