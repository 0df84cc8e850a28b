"""Closing and reopening a period: freeze figures, then show restatements beside them.

Closing runs inside one warehouse write transaction so that the frozen lines and the frozen
objective figures come from the same state; the figures go into the store's
``period_closings.snapshot`` and the lines into the warehouse's ``closed_spend_lines``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from pipelines.errors import UserError
from pipelines.kpi import KPI_KEYS, kpi_summary
from pipelines.objectives.attainment import (
    ObjectiveResult,
    Restatement,
    compute_live,
)
from pipelines.objectives.definitions import ObjectiveSpec, list_objectives
from pipelines.objectives.people import person_role
from pipelines.objectives.periods import parse_period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql
from pipelines.store import audit, chain
from pipelines.store.audit import jsonable
from pipelines.store.db import session_scope, warehouse_and_store
from pipelines.store.models import PeriodClosing

#: Who may close and reopen a period (DOMAIN.md section 9).
CLOSING_ROLES = ("admin",)
REOPEN_ROLES = CLOSING_ROLES

#: KPI totals shown frozen beside today's value for a closed period.
RESTATED_KPI_KEYS = tuple(k for k in KPI_KEYS if k != "by_kind")


def require_admin(actor: str, settings: Settings, action_fr: str, action_en: str) -> None:
    """Refuse unless ``actor`` (ASR_USER, or the signed-in user) has an admin role."""
    role = person_role(actor, settings)
    if role not in CLOSING_ROLES:
        raise UserError(
            f"Seul un administrateur peut {action_fr} : « {actor} » a le rôle "
            f"{role or 'inconnu'} (ASR_USER ; rôles dans la table users ou people).",
            f"Only an admin may {action_en}: {actor!r} has role {role or 'unknown'} "
            "(ASR_USER; roles come from the store's users or people).",
        )


def _get_closing(period: str, settings: Settings) -> PeriodClosing | None:
    with session_scope(settings) as session:
        return session.get(PeriodClosing, period)


def _decimal_or_none(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _kpi_from_snapshot(body: dict[str, Any]) -> dict[str, Any]:
    """A frozen KPI object as :func:`pipelines.kpi.kpi_summary` returns it (Decimals back)."""
    out: dict[str, Any] = {}
    for key in KPI_KEYS:
        value = body.get(key)
        if key == "by_kind":
            out[key] = {k: Decimal(str(v)) for k, v in (value or {}).items()}
        elif key == "inclusive_suppliers":
            out[key] = int(value or 0)
        else:
            out[key] = _decimal_or_none(value)
    return out


@dataclass(frozen=True)
class PeriodState:
    """Whether a period is closed, and what its closing froze. The one answer every screen,
    command and report asks (:func:`period_state`): a closed period shows its frozen figures,
    no projection, and the restatement (today's figures) beside them."""

    period: str
    closed: bool
    closed_at: dt.datetime | None = None
    closed_by: str | None = None
    #: KPI totals of the whole organisation as frozen (certain spend / with probable spend)
    frozen_kpi: dict[str, Any] | None = None
    frozen_kpi_with_probable: dict[str, Any] | None = None
    snapshot: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def frozen_payout_eur(self) -> Decimal:
        items = (self.snapshot or {}).get("objectives", [])
        return sum((Decimal(o["figures"]["payout_eur"]) for o in items), Decimal("0.00"))

    def covers(self, date_from: dt.date, date_to: dt.date) -> bool:
        """True when closed and ``date_from``..``date_to`` is exactly this period."""
        return self.closed and parse_period(self.period) == (date_from, date_to)


def period_state(period: str, settings: Settings) -> PeriodState:
    """Is ``period`` closed, and with which frozen figures. Open when never closed or reopened."""
    parse_period(period)
    closing = _get_closing(period, settings)
    if closing is None or not closing.is_closed or not closing.snapshot:
        return PeriodState(period=period, closed=False)
    kpi = closing.snapshot.get("kpi", {})
    return PeriodState(
        period=period,
        closed=True,
        closed_at=closing.closed_at,
        closed_by=closing.closed_by,
        frozen_kpi=_kpi_from_snapshot(kpi.get("certain", {})),
        frozen_kpi_with_probable=_kpi_from_snapshot(kpi.get("with_probable", {})),
        snapshot=closing.snapshot,
    )


def window_state(date_from: dt.date, date_to: dt.date, settings: Settings) -> PeriodState | None:
    """The state of the period ``date_from``..``date_to`` when it is exactly one period (a
    calendar year), else None (a window that is not a period has nothing frozen)."""
    if (date_from.month, date_from.day, date_to.month, date_to.day) != (1, 1, 12, 31):
        return None
    if date_from.year != date_to.year:
        return None
    return period_state(f"{date_from.year:04d}", settings)


def frozen_kpi(
    con: duckdb.DuckDBPyConnection,
    period: str,
    scope: Scope,
    settings: Settings,
    *,
    include_probable: bool = False,
) -> dict[str, Any]:
    """KPI totals of a closed ``period`` in any ``scope``, over the lines its closing froze (with
    their classification then), as :func:`pipelines.kpi.kpi_summary` returns them."""
    from pipelines.kpi import _empty_row, kpi_rows

    start, end = parse_period(period)
    rows = kpi_rows(
        con,
        start,
        end,
        scope=scope,
        include_probable=include_probable,
        settings=settings,
        frozen_period=period,
    )
    return {"from": start, "to": end, **(rows[0] if rows else _empty_row())}


def is_closed(period: str, settings: Settings) -> bool:
    return period_state(period, settings).closed


def kpi_restatement(
    frozen: dict[str, Any], current: dict[str, Any], keys: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """Pure: one row per KPI total, the frozen value, today's value and the difference."""
    rows = []
    for key in keys or RESTATED_KPI_KEYS:
        closed_dec = _decimal_or_none(frozen.get(key))
        current_dec = _decimal_or_none(current.get(key))
        difference = (
            current_dec - closed_dec if closed_dec is not None and current_dec is not None else None
        )
        rows.append(
            {"figure": key, "closed": closed_dec, "current": current_dec, "difference": difference}
        )
    return rows


def _frozen_result(item: dict[str, Any], restatement: Restatement | None) -> ObjectiveResult:
    spec = ObjectiveSpec.from_dict(item["spec"])
    f = item["figures"]
    return ObjectiveResult(
        objective_id=spec.objective_id,
        owner=spec.owner,
        metric=spec.metric,
        target=Decimal(f["target"]),
        actual=Decimal(f["actual"]),
        attainment=Decimal(f["attainment"]),
        payout_rate=Decimal(f["payout_rate"]),
        weight=Decimal(f["weight"]),
        variable_pay_eur=Decimal(f["variable_pay_eur"]),
        payout_eur=Decimal(f["payout_eur"]),
        probable_actual=Decimal(f["probable_actual"]),
        status="closed",
        restatement=restatement,
        spec=spec,
    )


def closed_results(
    period: str,
    *,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
    live: Callable[[list[ObjectiveSpec]], list[ObjectiveResult]] | None = None,
) -> list[ObjectiveResult] | None:
    """Frozen results of a closed period with their restatement; None when the period is open.

    ``live`` evaluates the frozen specs on today's data (default :func:`compute_live`; the
    dashboard passes its mart-fed evaluation, same figures)."""
    state = period_state(period, settings)
    if not state.closed or state.snapshot is None:
        return None
    items = state.snapshot.get("objectives", [])
    specs = [ObjectiveSpec.from_dict(item["spec"]) for item in items]
    evaluated = live(specs) if live is not None else compute_live(specs, settings, con)
    current = {r.objective_id: r for r in evaluated}
    results = []
    for item in items:
        frozen = _frozen_result(item, None)
        now = current[frozen.objective_id]
        restatement = Restatement(
            closed_actual=frozen.actual,
            current_actual=now.actual,
            actual_difference=now.actual - frozen.actual,
            closed_payout_eur=frozen.payout_eur,
            current_payout_eur=now.payout_eur,
            payout_difference_eur=now.payout_eur - frozen.payout_eur,
        )
        results.append(_frozen_result(item, restatement))
    return results


#: Warnings a closing's confirmation shows (codes; the dashboard words them).
NOT_ENDED = "not_ended"
LAST_MONTH_MISSING = "last_month_missing"


def closing_warnings(end: dt.date, today: dt.date, last_month_lines: int) -> tuple[str, ...]:
    """Pure rule: why closing a period ending on ``end`` may be premature on ``today``.

    ``not_ended`` when the period ends after today; ``last_month_missing`` when no line is
    dated in the period's last month (its data is probably not loaded yet)."""
    warnings: list[str] = []
    if end > today:
        warnings.append(NOT_ENDED)
    if last_month_lines == 0:
        warnings.append(LAST_MONTH_MISSING)
    return tuple(warnings)


@dataclass(frozen=True)
class ClosingPreview:
    """What closing ``period`` would freeze now, and why it may be premature."""

    period: str
    start: dt.date
    end: dt.date
    lines: int
    spend_eur: Decimal
    inclusive_spend_eur: Decimal
    results: tuple[ObjectiveResult, ...]
    warnings: tuple[str, ...]

    @property
    def payout_eur(self) -> Decimal:
        return sum((r.payout_eur for r in self.results), Decimal("0.00"))


def closing_preview(
    period: str,
    *,
    today: dt.date,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
) -> ClosingPreview:
    """The totals :func:`close_period` would freeze if run now (same functions, read only),
    with the warnings of :func:`closing_warnings`. For the confirmation step of a closing."""
    from pipelines.warehouse import connect_read

    start, end = parse_period(period)
    own = con is None
    con = con or connect_read(settings)
    try:
        row = con.execute(
            load_sql("objectives/period_lines"),
            {"date_from": start, "date_to": end, "last_month_from": end.replace(day=1)},
        ).fetchone()
        assert row is not None
        results = compute_live(list_objectives(settings, period=period), settings, con)
        kpi = kpi_summary(con, start, end, settings=settings)
    finally:
        if own:
            con.close()
    return ClosingPreview(
        period=period,
        start=start,
        end=end,
        lines=int(row[0]),
        spend_eur=Decimal(row[2]),
        inclusive_spend_eur=Decimal(str(kpi["inclusive_spend_eur"])),
        results=tuple(results),
        warnings=closing_warnings(end, today, int(row[1])),
    )


def _kpi_figures(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, settings: Settings):
    return {
        "certain": jsonable(kpi_summary(con, start, end, settings=settings)),
        "with_probable": jsonable(
            kpi_summary(con, start, end, include_probable=True, settings=settings)
        ),
    }


def _require_reason(reason: str | None, fr: str, en: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(fr, en)
    return reason


def _already_closed(period: str, closing: PeriodClosing) -> UserError:
    return UserError(
        f"La période {period} est déjà clôturée (le {closing.closed_at:%Y-%m-%d} "
        f"par {closing.closed_by}).",
        f"Period {period} is already closed (on {closing.closed_at:%Y-%m-%d} "
        f"by {closing.closed_by}).",
    )


def _sealed(closing: PeriodClosing, summary: dict[str, Any]) -> dict[str, Any]:
    """``summary`` plus the hashes of the closing row as stored (see pipelines.store.chain)."""
    return {
        **summary,
        "closing_sha256": chain.closing_hash(chain.row_fields(closing, chain.CLOSING_FIELDS)),
        "snapshot_sha256": chain.snapshot_hash(closing.snapshot),
    }


def close_period(
    period: str,
    *,
    reason: str | None = None,
    settings: Settings,
    actor: str | None = None,
) -> dict[str, Any]:
    """Freeze ``period``: its lines with their classification, KPI totals and objective results.

    Runs under the warehouse writer lock (two closings cannot both pass the "already closed"
    check); the frozen lines and the store's closing and audit event change together or not at
    all (:func:`pipelines.store.db.warehouse_and_store`). The closing event carries the hash of
    the closing row and of its frozen snapshot.
    """
    actor = actor or settings.user
    start, end = parse_period(period)
    reason = _require_reason(
        reason,
        "Clôturer une période demande un motif (--reason).",
        "Closing a period needs a reason (--reason).",
    )
    require_admin(actor, settings, "clôturer une période", "close a period")
    with warehouse_and_store(settings) as (con, session):
        closing = session.get(PeriodClosing, period)
        if closing is not None and closing.is_closed:
            raise _already_closed(period, closing)
        specs = list_objectives(settings, period=period)
        closed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        results = compute_live(specs, settings, con)
        kpi = _kpi_figures(con, start, end, settings)
        params = {"period": period}
        con.execute(load_sql("objectives/unfreeze_period_lines"), params)
        con.execute(
            load_sql("objectives/freeze_period_lines"),
            {"period": period, "closed_at": closed_at, "date_from": start, "date_to": end},
        )
        row = con.execute(load_sql("objectives/closed_lines_summary"), params).fetchone()
        assert row is not None
        lines = {"count_lines": int(row[0]), "spend_eur": str(row[1])}
        snapshot = {
            "period": period,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "closed_at": closed_at.isoformat(),
            "lines": lines,
            "kpi": kpi,
            "objectives": [
                {"spec": jsonable(r.spec.to_dict() if r.spec else {}), "figures": r.figures()}
                for r in results
            ],
        }
        # Checkpoint now, so that the store's write lock (taken by the flush below) is held only
        # for the store writes, the file's fsync and rename.
        con.execute("checkpoint")
        before = _closing_dict(closing) if closing is not None else None
        if closing is None:
            closing = PeriodClosing(period=period, closed_by=actor)
            session.add(closing)
        closing.is_closed = True
        closing.closed_at = closed_at
        closing.closed_by = actor
        closing.reason = reason
        closing.snapshot = snapshot
        closing.reopened_at = None
        closing.reopened_by = None
        closing.reopen_reason = None
        session.flush()
        session.refresh(closing)  # hash what is stored
        audit.record(
            session,
            actor=actor,
            action="close",
            object_type="period",
            object_id=period,
            before=before,
            after=_sealed(closing, _summary(snapshot)),
            reason=reason,
        )
        session.flush()
    return _summary(snapshot)


def _summary(snapshot: dict[str, Any]) -> dict[str, Any]:
    payouts = [Decimal(o["figures"]["payout_eur"]) for o in snapshot.get("objectives", [])]
    return {
        "period": snapshot["period"],
        "lines": snapshot["lines"],
        "inclusive_spend_eur": snapshot["kpi"]["certain"]["inclusive_spend_eur"],
        "objectives": len(payouts),
        "payout_eur": str(sum(payouts, Decimal("0.00"))),
        "payouts": {
            o["figures"]["objective_id"]: o["figures"]["payout_eur"]
            for o in snapshot.get("objectives", [])
        },
    }


def _closing_dict(c: PeriodClosing) -> dict[str, Any]:
    return {
        "period": c.period,
        "status": "closed" if c.is_closed else "open",
        "closed_at": c.closed_at,
        "closed_by": c.closed_by,
        "reason": c.reason,
        "reopened_at": c.reopened_at,
        "reopened_by": c.reopened_by,
        "reopen_reason": c.reopen_reason,
    }


def reopen_period(
    period: str, *, reason: str, settings: Settings, actor: str | None = None
) -> dict[str, Any]:
    """Reopen a closed period: admins only, with a reason; the frozen figures stay audited.

    Serialised with closings under the warehouse writer lock; the reopen event carries the hash
    of the reopened row (its snapshot is kept)."""
    from pipelines.warehouse import writer_lock

    actor = actor or settings.user
    parse_period(period)
    reason = _require_reason(
        reason,
        "Rouvrir une période demande un motif (--reason).",
        "Reopening a period needs a reason (--reason).",
    )
    require_admin(actor, settings, "rouvrir une période", "reopen a period")
    with writer_lock(settings), session_scope(settings) as session:
        closing = session.get(PeriodClosing, period)
        if closing is None or not closing.is_closed:
            raise UserError(
                f"La période {period} n'est pas clôturée.", f"Period {period} is not closed."
            )
        before = _closing_dict(closing)
        if closing.snapshot:
            before["frozen"] = _summary(closing.snapshot)
        closing.is_closed = False
        closing.reopened_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        closing.reopened_by = actor
        closing.reopen_reason = reason
        session.flush()
        session.refresh(closing)  # hash what is stored
        after = _closing_dict(closing)
        audit.record(
            session,
            actor=actor,
            action="reopen",
            object_type="period",
            object_id=period,
            before=before,
            after=_sealed(closing, after),
            reason=reason,
        )
    return after


def list_periods(settings: Settings) -> list[dict[str, Any]]:
    """Every period ever closed, with its status and frozen payout total."""
    from sqlalchemy import select

    with session_scope(settings) as session:
        rows = []
        for c in session.scalars(select(PeriodClosing).order_by(PeriodClosing.period)):
            row = _closing_dict(c)
            summary = _summary(c.snapshot) if c.snapshot else None
            row["objectives"] = summary["objectives"] if summary else 0
            row["payout_eur"] = Decimal(summary["payout_eur"]) if summary else Decimal("0.00")
            rows.append(row)
        return rows


def period_restatement(period: str, *, settings: Settings) -> list[dict[str, Any]] | None:
    """Headline figures of a closed period: closed value, current value, difference.

    Rows for the KPI totals and the objectives' payout total; None when the period is not closed.
    """
    from pipelines.warehouse import connect_read

    start, end = parse_period(period)
    state = period_state(period, settings)
    if not state.closed or state.frozen_kpi is None:
        return None
    con = connect_read(settings)
    try:
        current_kpi = kpi_summary(con, start, end, settings=settings)
        results = closed_results(period, settings=settings, con=con) or []
    finally:
        con.close()
    rows = kpi_restatement(state.frozen_kpi, current_kpi)
    rows.append(payout_restatement(results))
    return rows


def payout_restatement(results: list[ObjectiveResult]) -> dict[str, Any]:
    """Pure: the frozen payout total of closed results beside today's, and the difference."""
    closed_pay = sum((r.payout_eur for r in results), Decimal("0.00"))
    current_pay = sum(
        (r.restatement.current_payout_eur for r in results if r.restatement), Decimal("0.00")
    )
    return {
        "figure": "payout_eur",
        "closed": closed_pay,
        "current": current_pay,
        "difference": current_pay - closed_pay,
    }
