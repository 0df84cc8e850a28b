"""Analyst reads: load history, quarantine, review queue, a supplier's effect."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd

from pipelines.access import Access, pay_for
from pipelines.queries import MAX_ROWS
from pipelines.queries.common import fetch_dicts, fetch_frame
from pipelines.queries.suggestions import metric_families
from pipelines.settings import Settings


def load_history(con: duckdb.DuckDBPyConnection, limit: int = 500) -> pd.DataFrame:
    return fetch_frame(con, "dashboard/loads", {"limit": min(limit, MAX_ROWS)})


def quarantine(
    con: duckdb.DuckDBPyConnection, load_id: int | None = None, limit: int = MAX_ROWS
) -> pd.DataFrame:
    return fetch_frame(
        con, "dashboard/quarantine", {"load_id": load_id, "limit": min(limit, MAX_ROWS)}
    )


def review_queue(
    con: duckdb.DuckDBPyConnection, limit: int = 200, status: str | None = None
) -> list[dict[str, Any]]:
    from pipelines.classify.review import review_queue as queue

    return queue(con, limit=limit, status=status)


def supplier_candidates(con: duckdb.DuckDBPyConnection, supplier_key: str) -> list[dict[str, Any]]:
    from pipelines.classify.review import supplier_candidates as candidates

    return candidates(con, supplier_key)


def _counted(verdict: tuple[str, str | None], families: tuple[str, ...]) -> int:
    """1 when a line so classified counts in a metric of these families (certain only)."""
    status, family = verdict
    return int(status == "certain" and family in families)


def confirmation_effect(
    con: duckdb.DuckDBPyConnection,
    supplier_key: str,
    views: list[Any],
    settings: Settings,
    access: Access,
) -> list[dict[str, Any]]:
    """How each objective would move if this supplier's match were confirmed as « Confirmer »
    does it (``pipelines.classify.review.confirm``: its best probable record).

    Each addressable line of the supplier is judged at its date twice: as it is classified today
    and as it would be with the decision (the record certain within its validity window; an
    earlier decision on the supplier replaced, so lines it covered may move too, up or down).
    ``views`` are :class:`pipelines.queries.objectives.ObjectiveView` the reader may see; the
    payouts before and after are there only where ``access`` may see the owner's pay.
    """
    from pipelines.classify.review import matches_if_confirmed, verdict_at
    from pipelines.kinds import KINDS
    from pipelines.objectives.attainment import evaluate
    from pipelines.queries.objectives import _addressable

    out: list[dict[str, Any]] = []
    moved = [
        v for v in views if metric_families(v.spec.metric, settings) and v.result.status == "open"
    ]
    best, after = matches_if_confirmed(con, supplier_key)
    if not moved or best is None or best["kind"] not in KINDS:
        return out
    rows = fetch_dicts(
        con,
        "dashboard/supplier_spend",
        {
            "supplier_key": supplier_key,
            "date_from": min(v.spec.period_start for v in moved),
            "date_to": max(v.spec.period_end for v in moved),
            **access.scope.params(),
        },
    )
    then = {day: verdict_at(after, day) for day in {r["period_date"] for r in rows}}
    for view in moved:
        spec = view.spec
        families = metric_families(spec.metric, settings)
        delta = sum(
            (
                Decimal(r["spend_eur"])
                * (
                    _counted(then[r["period_date"]], families)
                    - _counted((r["status"], r["family"]), families)
                )
                for r in rows
                if spec.period_start <= r["period_date"] <= spec.period_end
                and (view.scope.buyers is None or r["buyer"] in view.scope.buyers)
                and (view.scope.entities is None or r["entity"] in view.scope.entities)
            ),
            Decimal("0"),
        )
        if delta == 0:
            continue
        actual = view.result.actual
        if view.unit == "share":
            addressable = _addressable(con, spec, view.scope, settings)
            new_actual = actual + delta / addressable if addressable else actual
        else:
            new_actual = actual + delta
        if view.pay_visible:
            new_attainment, _, new_payout = evaluate(spec, new_actual)
        else:  # the view carries no pay: attainment only (the same ratio evaluate computes)
            new_attainment, new_payout = new_actual / spec.target, None
        row = {
            "objective_id": spec.objective_id,
            "owner": spec.owner,
            "metric": spec.metric,
            "spend_eur": delta,
            "attainment": view.result.attainment,
            "new_attainment": new_attainment,
            "payout_eur": view.result.payout_eur,
            "new_payout_eur": new_payout,
        }
        out.append(pay_for(access, spec.owner, row))
    return out
