"""Read the controls' plain inputs from the warehouse and the store, then run the pure rules.

The SQL is under ``pipelines/sql/controls``; the deciding is in :mod:`pipelines.controls.rules`.
The objectives' figures come from :func:`pipelines.objectives.compute_attainment` (for a closed
period, the frozen figures: the payout actually at stake).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb
from sqlalchemy import select

from pipelines.controls.model import ZERO, Cell, ObjectiveView, Signal
from pipelines.controls.rules import (
    BuyerChange,
    ConcentrationParams,
    Credit,
    Decision,
    ExcludedCell,
    NewGoneParams,
    PortfolioParams,
    ReversalParams,
    SelfInterestParams,
    SpikeParams,
    SupplierSpan,
    concentration_signals,
    new_gone_signals,
    portfolio_signals,
    ranked,
    reversal_signals,
    self_interest_signals,
    spike_signals,
)
from pipelines.kpi import inclusive_families
from pipelines.objectives.attainment import ObjectiveResult, buyers_in_scope, compute_attainment
from pipelines.objectives.periods import parse_period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql
from pipelines.store.db import session_scope
from pipelines.store.models import AuditEvent, PeriodClosing, Person, User

#: How many years before the period the spike compares with.
HISTORY_YEARS = 2

DECISION_ACTIONS = ("override.confirm", "override.set_kind", "exclusion.add")


@dataclass(frozen=True)
class ControlParams:
    """Every threshold of the six rules (defaults documented on each dataclass). Signals whose
    payout at stake is under ``min_stake_eur`` are not listed: no pay hinges on them."""

    min_stake_eur: Decimal = Decimal("500")

    spike: SpikeParams = field(default_factory=SpikeParams)
    reversal: ReversalParams = field(default_factory=ReversalParams)
    concentration: ConcentrationParams = field(default_factory=ConcentrationParams)
    new_gone: NewGoneParams = field(default_factory=NewGoneParams)
    self_interest: SelfInterestParams = field(default_factory=SelfInterestParams)
    portfolio: PortfolioParams = field(default_factory=PortfolioParams)


@dataclass(frozen=True)
class Inputs:
    """Everything the rules read for one period (plain values)."""

    year: int
    cells: list[Cell]
    closed_cells: list[Cell] | None
    credits: list[Credit]
    spans: list[SupplierSpan]
    data_end: dt.date | None
    excluded: list[ExcludedCell]
    changes: list[BuyerChange]
    decisions: list[Decision]
    managers: dict[str, str | None]
    results: list[ObjectiveResult]
    children: dict[str, list[str]]


def _cells(rows: list[tuple[Any, ...]]) -> list[Cell]:
    return [
        Cell(
            str(r[0]),
            str(r[1] or r[0]),
            str(r[2]),
            r[3],
            r[4],
            bool(r[5]),
            bool(r[6]),
            int(r[7]),
            bool(r[8]),
            Decimal(r[9]),
        )
        for r in rows
    ]


def read_cells(
    con: duckdb.DuckDBPyConnection,
    year: int,
    tail_days: int,
    families: list[str],
    scope: dict[str, Any],
) -> list[Cell]:
    """The year's cells at full grain, and the :data:`HISTORY_YEARS` before it per supplier."""
    common = {"tail_days": tail_days, "inclusive_families": families, **scope}
    current = con.execute(
        load_sql("controls/cells"), {"year_from": year, "year_to": year, **common}
    ).fetchall()
    history = con.execute(
        load_sql("controls/history_cells"),
        {"year_from": year - HISTORY_YEARS, "year_to": year - 1, **common},
    ).fetchall()
    return _cells(current + history)


def _store_inputs(settings: Settings, period: str) -> tuple[Any, ...]:
    with session_scope(settings) as session:
        people = {p.person_id: p.manager_id for p in session.scalars(select(Person))}
        users = {u.username: u.person_id for u in session.scalars(select(User))}
        closing = session.get(PeriodClosing, period)
        closed_at = closing.closed_at if closing is not None and closing.is_closed else None
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.in_(DECISION_ACTIONS))
            .order_by(AuditEvent.event_id)
        ).all()
        decisions = []
        for e in events:
            person = users.get(e.actor) or (e.actor if e.actor in people else None)
            after = e.after or {}
            is_override = e.object_type == "supplier"
            decisions.append(
                Decision(
                    e.event_id,
                    person,
                    e.actor,
                    e.action,
                    e.at,
                    e.object_id if is_override else None,
                    None if is_override else after.get("type"),
                    None if is_override else after.get("value"),
                )
            )
    children: dict[str, list[str]] = {}
    for person_id, manager_id in people.items():
        if manager_id is not None:
            children.setdefault(manager_id, []).append(person_id)
    return people, closed_at, decisions, children


def gather(
    period: str,
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    params: ControlParams | None = None,
    results: list[ObjectiveResult] | None = None,
) -> Inputs:
    """Read the inputs of ``period`` (a year) for the whole organisation. ``results``: the
    period's objectives already evaluated (else :func:`compute_attainment` evaluates them)."""
    params = params or ControlParams()
    start, end = parse_period(period)
    year = start.year
    families = inclusive_families(settings)
    scope = Scope.everything().params()
    managers, closed_at, decisions, children = _store_inputs(settings, period)
    cells = read_cells(con, year, params.spike.tail_days, families, scope)
    closed_cells = None
    credits: list[Credit] = []
    if closed_at is not None:
        closed_cells = _cells(
            con.execute(
                load_sql("controls/closed_cells"),
                {"period": period, "inclusive_families": families, **scope},
            ).fetchall()
        )
        credits = [
            Credit(str(r[0]), str(r[1] or r[0]), str(r[2]), r[3], r[4], Decimal(r[5]), r[6], r[7])
            for r in con.execute(
                load_sql("controls/credits_after_close"),
                {
                    "date_from": start,
                    "date_to": end,
                    "window_days": params.reversal.window_days,
                    "closed_at": closed_at,
                    "inclusive_families": families,
                    **scope,
                },
            ).fetchall()
        ]
    span_rows = con.execute(
        load_sql("controls/supplier_spans"),
        {
            "date_to": end,
            "new_days": params.new_gone.new_days,
            "inclusive_families": families,
            **scope,
        },
    ).fetchall()
    data_end = span_rows[0][3] if span_rows else None
    excluded = [
        ExcludedCell(str(r[0]), r[1], r[2], r[3], str(r[4]), r[5], Decimal(r[6]))
        for r in con.execute(
            load_sql("controls/excluded_cells"), {"date_from": start, "date_to": end, **scope}
        ).fetchall()
    ]
    changes = [
        BuyerChange(
            str(r[0]), str(r[1]), str(r[2]), r[3], r[4], r[5], bool(r[6]), Decimal(r[7]), r[8]
        )
        for r in con.execute(
            load_sql("controls/buyer_changes"),
            {"date_from": start, "date_to": end, "inclusive_families": families, **scope},
        ).fetchall()
    ]
    if results is None:
        results = compute_attainment(period, settings=settings, con=con)
    return Inputs(
        year=year,
        cells=cells,
        closed_cells=closed_cells,
        credits=credits,
        spans=[SupplierSpan(str(r[0]), r[1], r[2]) for r in span_rows],
        data_end=data_end,
        excluded=excluded,
        changes=changes,
        decisions=decisions,
        managers=managers,
        results=results,
        children=children,
    )


def views_of(
    results: list[ObjectiveResult],
    cells: list[Cell],
    year: int,
    children: dict[str, list[str]],
    families: list[str],
    settings: Settings,
) -> list[ObjectiveView]:
    """Each objective with its actual and scope; the denominator of a share from ``cells``."""
    by_cell: dict[tuple[str, str | None], Decimal] = {}
    for c in cells:
        if c.year == year and c.is_addressable:
            key = (c.entity, c.buyer)
            by_cell[key] = by_cell.get(key, ZERO) + c.amount_eur
    views = []
    for r in results:
        if r.spec is None:
            continue
        scope = buyers_in_scope(r.spec, settings, children=children)
        view = ObjectiveView(
            r.spec,
            r.actual,
            frozenset(scope.buyers) if scope.buyers is not None else None,
            frozenset(scope.entities) if scope.entities is not None else None,
            tuple(families),
        )
        addressable = sum(
            (amount for (entity, buyer), amount in by_cell.items() if view.covers(entity, buyer)),
            ZERO,
        )
        views.append(
            ObjectiveView(
                view.spec,
                view.actual,
                view.buyers,
                view.entities,
                view.inclusive_families,
                addressable,
            )
        )
    return views


def decide(inputs: Inputs, settings: Settings, params: ControlParams | None = None) -> list[Signal]:
    """Run the six rules on ``inputs``; signals ranked by payout at stake."""
    params = params or ControlParams()
    families = inclusive_families(settings)
    year = inputs.year
    views = views_of(inputs.results, inputs.cells, year, inputs.children, families, settings)
    signals: list[Signal] = []
    signals += spike_signals(year, inputs.cells, views, params.spike)
    if inputs.closed_cells is not None:
        closed_views = views_of(
            inputs.results, inputs.closed_cells, year, inputs.children, families, settings
        )
        signals += reversal_signals(
            year, inputs.closed_cells, inputs.credits, closed_views, params.reversal
        )
    signals += concentration_signals(year, inputs.cells, views, params.concentration)
    signals += new_gone_signals(
        year, inputs.cells, inputs.spans, inputs.data_end, views, params.new_gone
    )
    signals += self_interest_signals(
        year,
        inputs.decisions,
        inputs.cells,
        inputs.excluded,
        inputs.managers,
        views,
        params.self_interest,
    )
    signals += portfolio_signals(year, inputs.changes, views, params.portfolio)
    return ranked(s for s in signals if s.payout_at_stake_eur >= params.min_stake_eur)


def compute_signals(
    period: str,
    *,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
    params: ControlParams | None = None,
    results: list[ObjectiveResult] | None = None,
) -> list[Signal]:
    """All signals of ``period`` (a year), highest payout at stake first. ``results``: the
    period's objectives already evaluated (see :func:`gather`)."""
    from pipelines.warehouse import connect_read

    own = con is None
    con = con or connect_read(settings)
    try:
        inputs = gather(period, con, settings, params, results)
    finally:
        if own:
            con.close()
    return decide(inputs, settings, params)
