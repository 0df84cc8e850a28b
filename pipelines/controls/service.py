"""What the CLI and the page both do with the controls: list a period's signals, review one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from pipelines.controls.compute import compute_signals
from pipelines.controls.model import Signal, explain
from pipelines.controls.review import Listed, Review, find_signal, mark_reviewed, with_reviews
from pipelines.errors import UserError
from pipelines.objectives.attainment import ObjectiveResult
from pipelines.objectives.periods import parse_period
from pipelines.settings import Settings

#: Columns of ``asr report controls`` (table and CSV; JSON adds the lines filter and figures).
REPORT_COLUMNS = (
    "signal_id",
    "kind",
    "status",
    "payout_at_stake_eur",
    "euros",
    "objective_ids",
    "explanation",
)


def signals_of(
    period: str,
    *,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
    results: list[ObjectiveResult] | None = None,
) -> list[Signal]:
    """Every signal of ``period``, ranked by payout at stake. The objectives are evaluated once
    (``results`` when the caller has them, e.g. the dashboard's cache; else
    :func:`pipelines.queries.objectives.period_results`, fed by the monthly marts)."""
    from pipelines.queries.objectives import period_results
    from pipelines.warehouse import connect_read

    start, _ = parse_period(period)
    own = con is None
    con = con or connect_read(settings)
    try:
        if results is None:
            results = period_results(con, start.year, settings)
        return compute_signals(period, settings=settings, con=con, results=results)
    finally:
        if own:
            con.close()


def period_signals(
    period: str,
    *,
    settings: Settings,
    con: duckdb.DuckDBPyConnection | None = None,
    results: list[ObjectiveResult] | None = None,
) -> list[Listed]:
    """Every signal of ``period`` with its review, ranked by payout at stake."""
    signals = signals_of(period, settings=settings, con=con, results=results)
    return with_reviews(signals, settings)


def report_rows(listed: list[Listed], lang: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for item in listed:
        body = item.signal.to_dict()
        body["status"] = "open" if item.is_open else "reviewed"
        body["explanation"] = explain(item.signal, lang)
        body["objective_ids"] = " ".join(item.signal.objective_ids)
        if item.review is not None:
            body["reviewed_by"] = item.review.reviewed_by
            body["review_reason"] = item.review.reason
        rows.append(body)
    return rows


def open_stake(listed: list[Listed]) -> tuple[int, Decimal]:
    """How many signals are open and the payout they touch (for the close confirmation)."""
    items = [i.signal for i in listed if i.is_open]
    return len(items), sum((s.payout_at_stake_eur for s in items), Decimal("0"))


def period_of_signal(signal_id: str) -> str:
    parts = signal_id.split(":", 2)
    if len(parts) != 3:
        raise UserError(
            f"« {signal_id} » n'est pas un identifiant de signal (type:période:sujet).",
            f"{signal_id!r} is not a signal id (kind:period:subject).",
        )
    return parts[1]


def review_signal(
    signal_id: str, *, reason: str, actor: str, role: str, settings: Settings
) -> tuple[Signal, Review]:
    """Mark the signal ``signal_id`` reviewed at its current figures (audited)."""
    period = period_of_signal(signal_id)
    signal = find_signal(signals_of(period, settings=settings), signal_id)
    return signal, mark_reviewed(signal, reason=reason, actor=actor, role=role, settings=settings)


def controls_summary(listed: list[Listed], *, with_signals: bool = False) -> dict[str, Any]:
    """Counts and payout at stake of open and reviewed signals, by kind (the annual report).
    ``with_signals`` adds each signal's row (:func:`report_rows`, in French): the sentences
    name owners and the payout their objectives put at stake, so only a report that may show
    individual pay asks for them."""
    from pipelines.controls.model import KINDS

    def part(items: list[Listed]) -> dict[str, Any]:
        return {
            "count": len(items),
            "payout_at_stake_eur": sum((i.signal.payout_at_stake_eur for i in items), Decimal("0")),
            "by_kind": {k: sum(1 for i in items if i.signal.kind == k) for k in KINDS},
            "stake_by_kind": {
                k: sum(
                    (i.signal.payout_at_stake_eur for i in items if i.signal.kind == k),
                    Decimal("0"),
                )
                for k in KINDS
            },
        }

    summary: dict[str, Any] = {
        "open": part([i for i in listed if i.is_open]),
        "reviewed": part([i for i in listed if not i.is_open]),
    }
    if with_signals:
        summary["signals"] = report_rows(listed, "fr")
    return summary
