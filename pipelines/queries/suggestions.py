"""« Fournisseurs inclusifs à solliciter »: which inclusive suppliers could take over part of the
reader's ordinary spend, and what that would do to one objective.

For the reader's scope (a buyer: their portfolio; a manager: their subtree; an executive: the
objective's scope — the page passes the objective's scope narrowed by the reader's), in the
objective's period: the ordinary spend by purchase category (addressable lines of suppliers
outside the inclusive families), and, per category, the directory's inclusive suppliers of the
same activity in the reader's departments (``sql/dashboard/suggestions.sql``).

Each suggestion can cover ``min(ordinary spend of its category, gap to the objective's next
payout level)`` — only when the supplier's family counts in the objective's metric (an insertion
structure does not move a handicap objective). Ranked by that amount, then by the category's
ordinary spend. Its effect is read on the objective's own curve (:func:`whatif_values`); the pay
figures only where the reader may see the owner's pay (:mod:`pipelines.access`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.access import Access, pay_for
from pipelines.kpi import inclusive_families
from pipelines.objectives.attainment import fraction
from pipelines.objectives.whatif import whatif_values
from pipelines.queries.common import fetch_dicts
from pipelines.scope import Scope
from pipelines.settings import Settings

ZERO = Decimal("0")
#: at most this many suppliers are proposed per category (the nearest activities first)
PER_CATEGORY = 5


def metric_families(metric: str, settings: Settings) -> tuple[str, ...]:
    """Families whose certain spend a metric counts in euros (empty: euros do not move it)."""
    if metric in ("inclusive_spend_eur", "inclusive_share"):
        return tuple(inclusive_families(settings))
    return {
        "insertion_spend_eur": ("insertion",),
        "handicap_spend_eur": ("handicap",),
        "ess_spend_eur": ("ess",),
    }.get(metric, ())


def next_level(view: Any) -> dict[str, Any] | None:
    """The first what-if level (threshold, target, cap) not reached, with a gap in euros."""
    for level in view.levels:
        if not level["reached"] and level.get("gap_eur") is not None:
            return dict(level)
    return None


def suggestions(
    con: duckdb.DuckDBPyConnection,
    view: Any,
    scope: Scope,
    settings: Settings,
    access: Access,
    *,
    as_of: dt.date,
    addressable: Decimal | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """Suggestions for one objective (a :class:`pipelines.queries.objectives.ObjectiveView`).

    ``scope`` is the reader's line scope within the objective; ``as_of`` the day the directory
    records must be valid on; ``addressable`` the objective's addressable spend (share metrics;
    read from the marts when not given). Returns ``categories`` (each category with ordinary
    spend once), ``suggestions`` (ranked) and ``level`` (the next payout level aimed at, or None
    when the objective is closed, reached its cap, or is not moved by euros of spend)."""
    spec = view.spec
    families = metric_families(spec.metric, settings)
    level = next_level(view) if view.result.status == "open" and families else None
    rows = fetch_dicts(
        con,
        "dashboard/suggestions",
        {
            "date_from": spec.period_start,
            "date_to": spec.period_end,
            "as_of": as_of,
            "inclusive_families": inclusive_families(settings),
            **scope.params(),
        },
    )
    categories: dict[str, Decimal] = {}
    for r in rows:
        categories[r["category"]] = Decimal(r["ordinary_spend_eur"])
    out: dict[str, Any] = {
        "objective_id": spec.objective_id,
        "level": pay_for(access, spec.owner, level),
        "categories": [{"category": c, "ordinary_spend_eur": v} for c, v in categories.items()],
        "suggestions": [],
    }
    if level is None:
        return out
    gap_eur = Decimal(level["gap_eur"])
    if view.unit == "share" and addressable is None:
        from pipelines.queries.objectives import _addressable

        addressable = _addressable(con, spec, view.scope, settings)
    ranked = []
    for r in rows:
        if r["family"] not in families:
            continue
        coverable = min(Decimal(r["ordinary_spend_eur"]), gap_eur)
        if coverable <= 0:
            continue
        ranked.append((r, coverable))
    ranked.sort(key=lambda rc: (-rc[1], -rc[0]["ordinary_spend_eur"], rc[0]["category"]))
    per_category: dict[str, int] = {}
    effects: dict[Decimal, dict[str, Any]] = {}
    for r, coverable in ranked:
        if per_category.get(r["category"], 0) >= PER_CATEGORY:
            continue
        per_category[r["category"]] = per_category.get(r["category"], 0) + 1
        if coverable not in effects:
            effects[coverable] = _effect(view, coverable, addressable)
        row = {
            "category": r["category"],
            "name": r["name"],
            "kind": r["kind"],
            "family": r["family"],
            "siret": r["siret"],
            "naf": r["naf"],
            "post_code": r["post_code"],
            "department": r["department"],
            "source": r["source"],
            "coverable_eur": coverable,
            **effects[coverable],
        }
        out["suggestions"].append(pay_for(access, spec.owner, row))
        if len(out["suggestions"]) >= limit:
            break
    return out


def _effect(view: Any, coverable: Decimal, addressable: Decimal | None) -> dict[str, Any]:
    """Attainment (and payout, where the view carries pay) once ``coverable`` euros move."""
    spec, actual = view.spec, view.result.actual
    if view.pay_visible:
        extra = whatif_values(
            spec, actual, unit=view.unit, addressable=addressable, extra=coverable
        )["extra"]
        return {
            "new_attainment": extra["attainment"],
            "payout_eur": view.result.payout_eur,
            "new_payout_eur": extra["payout_eur"],
            "payout_gain_eur": extra["payout_gain_eur"],
        }
    if view.unit == "share":
        new_actual = actual + coverable / addressable if addressable else actual
    else:
        new_actual = actual + coverable
    return {
        "new_attainment": fraction(new_actual / spec.target),
        "payout_eur": None,
        "new_payout_eur": None,
        "payout_gain_eur": None,
    }
