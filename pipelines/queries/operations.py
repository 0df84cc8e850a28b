"""Analyst reads: load history, quarantine, review queue, a supplier's effect."""

from __future__ import annotations

import datetime as dt
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


def confirmation_effect(
    con: duckdb.DuckDBPyConnection,
    supplier_key: str,
    views: list[Any],
    settings: Settings,
    access: Access,
) -> list[dict[str, Any]]:
    """How each objective would move if this supplier's match were confirmed as « Confirmer »
    does it (``pipelines.classify.review.confirm``: its best probable record).

    Only the lines the confirmation makes certain count: addressable lines classified probable
    within that record's validity window, with the record's family.
    ``views`` are :class:`pipelines.queries.objectives.ObjectiveView` the reader may see; the
    payouts before and after are there only where ``access`` may see the owner's pay.
    """
    from pipelines.classify.review import best_probable, supplier_candidates
    from pipelines.kinds import KINDS
    from pipelines.objectives.attainment import evaluate
    from pipelines.queries.objectives import _addressable

    out: list[dict[str, Any]] = []
    moved = [
        v for v in views if metric_families(v.spec.metric, settings) and v.result.status == "open"
    ]
    best = best_probable(supplier_candidates(con, supplier_key))
    if not moved or best is None or best["kind"] not in KINDS:
        return out
    family = KINDS[best["kind"]].family
    rows = fetch_dicts(
        con,
        "dashboard/supplier_spend",
        {
            "supplier_key": supplier_key,
            "date_from": max(
                min(v.spec.period_start for v in moved), best["valid_from"] or dt.date.min
            ),
            "date_to": min(max(v.spec.period_end for v in moved), best["valid_to"] or dt.date.max),
            **access.scope.params(),
        },
    )
    for view in moved:
        spec = view.spec
        if family not in metric_families(spec.metric, settings):
            continue
        delta = sum(
            (
                Decimal(r["spend_eur"])
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
