"""What-if: how much more of an objective's metric reaches the threshold, the target and the cap,
and what a given extra amount would pay.

For euro metrics the extra is euros of inclusive spend. For share metrics the extra is euros of
addressable spend moved to inclusive suppliers (the addressable total stays the same), so the
share grows by extra / addressable. For count and hours metrics the extra is in the metric's unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pipelines.errors import UserError
from pipelines.objectives.attainment import (
    buyers_in_scope,
    evaluate,
    fraction,
    measure,
)
from pipelines.objectives.curves import CENT, parse_curve, plain, round_eur
from pipelines.objectives.definitions import ObjectiveSpec, get_objective
from pipelines.objectives.metrics import MetricContext, addressable_spend, get_metric
from pipelines.settings import Settings


def _gap_eur(unit: str, gap: Decimal, addressable: Decimal | None) -> Decimal | None:
    if unit == "eur":
        return round_eur(gap)
    if unit == "share" and addressable is not None:
        return (gap * addressable).quantize(CENT, rounding="ROUND_CEILING")
    return None


def whatif_values(
    spec: ObjectiveSpec,
    actual: Decimal,
    *,
    unit: str,
    addressable: Decimal | None = None,
    extra: Decimal | None = None,
) -> dict[str, Any]:
    """Pure part of the what-if: levels and payouts from an actual value."""
    curve = parse_curve(spec.curve)
    attainment, rate, payout = evaluate(spec, actual)
    levels = []
    for name, level in (
        ("threshold", curve.threshold),
        ("target", Decimal(1)),
        ("cap", curve.cap),
    ):
        needed = spec.target * level
        gap = max(Decimal(0), needed - actual)
        # what reaching this level pays (not today's payout when the level is already passed)
        _, level_rate, level_payout = evaluate(spec, needed)
        levels.append(
            {
                "level": name,
                "attainment": fraction(level),
                "metric_value": plain(needed),
                "gap": plain(gap),
                "gap_eur": _gap_eur(unit, gap, addressable),
                "reached": gap == 0,
                "payout_rate": fraction(level_rate),
                "payout_eur": level_payout,
            }
        )
    body: dict[str, Any] = {
        "objective_id": spec.objective_id,
        "owner": spec.owner,
        "metric": spec.metric,
        "unit": unit,
        "target": spec.target,
        "actual": actual,
        "attainment": fraction(attainment),
        "payout_rate": fraction(rate),
        "payout_eur": payout,
        "levels": levels,
        "extra": None,
    }
    if extra is not None:
        if unit == "share":
            new_actual = actual + extra / addressable if addressable else actual
        else:
            new_actual = actual + extra
        new_attainment, new_rate, new_payout = evaluate(spec, new_actual)
        body["extra"] = {
            "amount": extra,
            "actual": new_actual if unit != "share" else fraction(new_actual),
            "attainment": fraction(new_attainment),
            "payout_rate": fraction(new_rate),
            "payout_eur": new_payout,
            "payout_gain_eur": new_payout - payout,
        }
    return body


def whatif(
    objective_id: str, *, extra: Decimal | None = None, settings: Settings
) -> dict[str, Any]:
    """What-if for one objective on today's data (see the module docstring for ``extra``).

    An objective of a closed period reads as closed: the levels are computed from the actual its
    closing froze (and, for a share, the addressable spend of the frozen lines), with
    ``closed`` = {period, closed_at, current_actual} — today's recomputation beside it."""
    from pipelines.kpi import kpi_rows
    from pipelines.objectives.closing import period_state
    from pipelines.warehouse import connect_read

    spec = get_objective(objective_id, settings)
    if spec is None:
        raise UserError(
            f"Objectif « {objective_id} » inconnu (voir asr objectives export).",
            f"Unknown objective {objective_id!r} (see asr objectives export).",
        )
    period = f"{spec.period_end.year:04d}"
    state = period_state(period, settings)
    frozen = next(
        (
            item
            for item in (state.snapshot or {}).get("objectives", [])
            if state.closed and item["spec"]["objective_id"] == objective_id
        ),
        None,
    )
    if frozen is not None:
        spec = ObjectiveSpec.from_dict(frozen["spec"])
    metric = get_metric(spec.metric)
    assert metric is not None
    scope = buyers_in_scope(spec, settings)
    con = connect_read(settings)
    try:
        actual = measure(con, spec, scope, settings)
        addressable = None
        if frozen is None and metric.unit == "share":
            ctx = MetricContext(con, spec.period_start, spec.period_end, scope, False, settings)
            addressable = addressable_spend(ctx)
        elif frozen is not None and metric.unit == "share":
            rows = kpi_rows(
                con,
                spec.period_start,
                spec.period_end,
                scope=scope,
                settings=settings,
                frozen_period=period,
            )
            addressable = rows[0]["addressable_spend_eur"] if rows else Decimal("0")
    finally:
        con.close()
    if frozen is None:
        return whatif_values(spec, actual, unit=metric.unit, addressable=addressable, extra=extra)
    body = whatif_values(
        spec,
        Decimal(frozen["figures"]["actual"]),
        unit=metric.unit,
        addressable=addressable,
        extra=extra,
    )
    body["closed"] = {"period": period, "closed_at": state.closed_at, "current_actual": actual}
    return body
