"""Reads of the page « Contrôles »: a period's signals with their reviews, and their lines."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.controls.model import LineFilter, explain
from pipelines.controls.review import Listed
from pipelines.controls.service import open_stake, period_signals
from pipelines.objectives.attainment import ObjectiveResult
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql

LINES_LIMIT = 200

#: Read-only helpers the pages use (one sentence per signal; open count and payout at stake).
__all__ = ["LINES_LIMIT", "explain", "open_stake", "signal_lines", "signals"]


def signals(
    period: str,
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    results: list[ObjectiveResult] | None = None,
) -> list[Listed]:
    """The period's signals, ranked by payout at stake, each with its review. ``results``: the
    period's objectives already evaluated (the dashboard's :func:`period_results`, cached)."""
    return period_signals(period, settings=settings, con=con, results=results)


def signal_lines(
    con: duckdb.DuckDBPyConnection, lines: LineFilter, scope: Scope, limit: int = LINES_LIMIT
) -> list[dict[str, Any]]:
    """The lines behind a signal, largest first, within the reader's scope."""
    cur = con.execute(
        load_sql("controls/signal_lines"),
        {
            "date_from": lines.date_from,
            "date_to": lines.date_to,
            "supplier_keys": list(lines.supplier_keys),
            "signal_buyers": list(lines.buyers),
            "credits_only": lines.credits_only,
            "limit": limit,
            **scope.params(),
        },
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
