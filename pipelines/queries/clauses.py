"""Queries of the « Clauses sociales » page: the clause register as the reader may see it
(pipelines.access.ClauseView): contracts, totals, groups, opportunities; participants one by one
only for facilitators and admins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
from sqlalchemy import select

from pipelines.access import Access
from pipelines.clauses import codes
from pipelines.clauses.opportunities import opportunities
from pipelines.clauses.progress import group_by, load_clause_data, totals
from pipelines.settings import Settings
from pipelines.store.db import session_scope
from pipelines.store.models import ClauseContract

#: The codes the page offers in its forms (pipelines.clauses.codes is their one home).
ELIGIBILITY = codes.ELIGIBILITY
MODALITIES = codes.MODALITIES
CLAUSE_TYPES = codes.CLAUSE_TYPES
STATUSES = codes.STATUSES


def clause_page(
    settings: Settings,
    access: Access,
    as_of: dt.date,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    horizon_days: int = 180,
) -> dict[str, Any]:
    view = access.clauses
    data = load_clause_data(settings, view, as_of)
    with session_scope(settings) as session:
        contracts = list(session.scalars(select(ClauseContract)))
    return {
        "as_of": as_of,
        "sees_participants": view.sees_participants,
        "sees_all": view.sees_all_contracts,
        "totals": totals(data.contracts),
        "contracts": [r.as_row() for r in data.contracts],
        "by_entity": group_by(data.contracts, "entity"),
        "by_contractor": group_by(data.contracts, "contractor"),
        "participants": data.participants if view.sees_participants else None,
        "opportunities": opportunities(con, contracts, view, as_of, horizon_days=horizon_days),
    }
