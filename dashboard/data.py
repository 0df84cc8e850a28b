"""The only module of the dashboard that caches, and the only one that reads the warehouse.

* One read-only DuckDB connection per process (``st.cache_resource``), re-opened when a writer
  publishes a new warehouse file (its (inode, mtime) changes); each browser session reads
  through its own cursor.
* Query results are cached with ``st.cache_data``, keyed by the warehouse identity, the filters
  and the reader's scope: two users with different scopes never share an entry.
* Every function takes the signed-in user's :class:`~pipelines.access.Access` and passes its
  scope down to :mod:`pipelines.queries`, which enforces it in SQL.
"""

from __future__ import annotations

from typing import Any

import duckdb
import streamlit as st

from pipelines.access import Access, intersect
from pipelines.queries import explorer, meta, operations, overview
from pipelines.queries import objectives as objective_queries
from pipelines.queries import suggestions as suggestion_queries
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.settings import Settings, load_settings
from pipelines.store.verify import Verification, verify_store
from pipelines.warehouse.connection import ensure_warehouse, open_reader, warehouse_identity
from pipelines.wiring import ready

_TTL = 3600
_MAX = 1000


def settings() -> Settings:
    """The settings of this process, its objectives store migrated once (the dashboard's entry
    point: pipelines.wiring)."""
    current = load_settings()
    _store_ready(current.database_url, current)
    return current


@st.cache_resource(show_spinner=False)
def _store_ready(database_url: str, _settings: Settings) -> bool:
    ready(_settings)
    return True


@st.cache_resource(show_spinner=False)
def _ensured(path: str) -> bool:
    ensure_warehouse(settings())
    return True


def identity() -> tuple[str, int, int]:
    """(path, inode, mtime) of the published warehouse: part of every cache key."""
    s = settings()
    _ensured(str(s.warehouse_path))
    ino, mtime = warehouse_identity(s)
    return str(s.warehouse_path), ino, mtime


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(key: tuple[str, int, int]) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the published file as it is now (see ``open_reader``)."""
    return open_reader(key[0])


def cursor() -> duckdb.DuckDBPyConnection:
    """This session's cursor on the current warehouse connection."""
    key = identity()
    held = st.session_state.get("_duckdb_cursor")
    if held is None or held[0] != key:
        cur = _connection(key).cursor()
        cur.execute("use warehouse")
        st.session_state["_duckdb_cursor"] = (key, cur)
    return st.session_state["_duckdb_cursor"][1]


def store_version() -> int:
    """Id of the newest audit event: every change to objectives, closings, overrides and users
    is audited, so it is part of the cache key of reads that depend on the store."""
    from sqlalchemy import func, select

    from pipelines.store.db import session_scope
    from pipelines.store.models import AuditEvent

    s = settings()
    with session_scope(s) as session:
        return int(session.scalar(select(func.max(AuditEvent.event_id))) or 0)


@st.cache_data(show_spinner=False, ttl=60, max_entries=4)
def _store_verification(database_url: str) -> Verification:
    return verify_store(settings())


def store_verification() -> Verification:
    """The audit chain and closings verification (pipelines.store.verify), at most a minute old."""
    return _store_verification(settings().database_url)


def clear() -> None:
    """Forget every cached result (after a write from the dashboard)."""
    st.cache_data.clear()


# -- cached reads -------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _data_range(_con: Any, key: tuple, scope: Scope) -> meta.DataRange:
    return meta.data_range(_con, scope)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _dimension_values(_con: Any, key: tuple, scope: Scope) -> dict[str, list[str]]:
    return meta.dimension_values(_con, scope)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _people(_con: Any, key: tuple, scope: Scope) -> dict[str, dict[str, str | None]]:
    return meta.people(_con, scope)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _headline(
    _con: Any, key: tuple, version: int, scope: Scope, period: Period
) -> overview.Headline:
    return overview.headline(_con, period, scope, settings())


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _spend_by(
    _con: Any,
    key: tuple,
    scope: Scope,
    period: Period,
    by: str | None,
    include_probable: bool,
    frozen: str | None,
) -> list[dict[str, Any]]:
    return overview.spend_by(
        _con,
        period,
        scope,
        settings(),
        by=by,
        include_probable=include_probable,
        frozen_period=frozen,
    )


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _monthly(
    _con: Any, key: tuple, scope: Scope, period: Period, frozen: str | None
) -> list[dict[str, Any]]:
    return overview.monthly(_con, period, scope, settings(), frozen_period=frozen)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _top_suppliers(
    _con: Any, key: tuple, scope: Scope, period: Period, limit: int, frozen: str | None
) -> list[dict[str, Any]]:
    return overview.top_suppliers(
        _con, period, scope, settings(), limit=limit, frozen_period=frozen
    )


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _frozen_period(key: tuple, version: int, period: Period) -> str | None:
    return overview.frozen_period_of(period, settings())


def frozen_period(period: Period) -> str | None:
    """The closed year whose frozen lines answer for ``period`` (None: today's lines)."""
    return _frozen_period(identity(), store_version(), period)


def data_range(access: Access) -> meta.DataRange:
    return _data_range(cursor(), identity(), access.scope)


def dimension_values(access: Access) -> dict[str, list[str]]:
    return _dimension_values(cursor(), identity(), access.scope)


def people(access: Access) -> dict[str, dict[str, str | None]]:
    return _people(cursor(), identity(), access.scope)


def headline(access: Access, period: Period) -> overview.Headline:
    return _headline(cursor(), identity(), store_version(), access.scope, period)


def spend_by(
    access: Access, period: Period, by: str | None = None, include_probable: bool = False
) -> list[dict[str, Any]]:
    return _spend_by(
        cursor(), identity(), access.scope, period, by, include_probable, frozen_period(period)
    )


def monthly(access: Access, period: Period) -> list[dict[str, Any]]:
    return _monthly(cursor(), identity(), access.scope, period, frozen_period(period))


def _within(access: Access, scope: Scope) -> Scope:
    """A page's narrowed scope, intersected again with the user's: never wider than allowed."""
    return intersect(access.scope, buyers=scope.buyers, entities=scope.entities)


def monthly_in(access: Access, scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Monthly figures in ``scope`` (narrowed from the user's scope, never widened)."""
    return _monthly(cursor(), identity(), _within(access, scope), period, frozen_period(period))


def top_suppliers(access: Access, period: Period, limit: int = 10) -> list[dict[str, Any]]:
    return _top_suppliers(cursor(), identity(), access.scope, period, limit, frozen_period(period))


# -- objectives -----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _objective_years(key: tuple, version: int, access: Access) -> list[int]:
    return objective_queries.objective_years(access, settings())


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _period_results(_con: Any, key: tuple, version: int, year: int) -> list[Any]:
    return objective_queries.period_results(_con, year, settings())


def period_results(year: int) -> list[Any]:
    """Every objective of ``year`` evaluated once, whoever reads (the objective pages filter
    them by the reader's rights; the controls rank signals by the payout they put at stake)."""
    return _period_results(cursor(), identity(), store_version(), year)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _objective_views(
    _con: Any, key: tuple, version: int, access: Access, year: int, owner: str | None, as_of: Any
) -> list[objective_queries.ObjectiveView]:
    return objective_queries.objective_views(
        _con, year, access, settings(), as_of=as_of, owner=owner, results=period_results(year)
    )


def _rights(access: Access) -> Access:
    """The part of ``access`` objective reads depend on: users with the same rights share
    cache entries (every executive sees the same objectives). The role stays: it decides
    whether pay is shown (pipelines.access.may_see_pay)."""
    return Access("", access.role, None, access.scope, access.objective_owners)


def objective_years(access: Access) -> list[int]:
    return _objective_years(identity(), store_version(), _rights(access))


def objective_views(
    access: Access, year: int, owner: str | None = None
) -> list[objective_queries.ObjectiveView]:
    as_of = data_range(access).last_line_date
    return _objective_views(
        cursor(), identity(), store_version(), _rights(access), year, owner, as_of
    )


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _period_state(key: tuple, version: int, year: int) -> Any:
    from pipelines.objectives import period_state as state

    return state(str(year), settings())


def period_state(year: int) -> Any:
    """:func:`pipelines.objectives.period_state` of ``year``: is it closed, what was frozen."""
    return _period_state(identity(), store_version(), year)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _period_restatement(key: tuple, version: int, year: int) -> list[dict[str, Any]] | None:
    from pipelines.objectives import period_restatement as restatement

    return restatement(str(year), settings=settings())


def period_restatement(access: Access, year: int) -> list[dict[str, Any]] | None:
    """Frozen vs today's totals of closed ``year`` in the reader's scope; the payout total too
    for readers of everything who may see pay. None when the year is open."""
    from pipelines.objectives.closing import kpi_restatement

    if not period_state(year).closed:
        return None
    head = headline(access, Period.year(year))
    if head.today is None:
        return None
    rows = kpi_restatement(head.current, head.today)
    if access.scope == Scope.everything() and access.may_see_pay(None):
        whole = _period_restatement(identity(), store_version(), year) or []
        rows += [r for r in whole if r["figure"] == "payout_eur"]
    return rows


# -- explorer -----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _grouped(
    _con: Any,
    key: tuple,
    scope: Scope,
    period: Period,
    filters: explorer.Filters,
    dim1: str,
    dim2: str,
) -> tuple[Any, bool]:
    return explorer.grouped(_con, period, scope, filters, settings(), dim1=dim1, dim2=dim2)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _lines(
    _con: Any,
    key: tuple,
    scope: Scope,
    period: Period,
    filters: explorer.Filters,
    page: int,
    drill: tuple,
) -> tuple[Any, int]:
    return explorer.lines(_con, period, scope, filters, page=page, drill=drill)


def grouped(
    access: Access, scope: Scope, period: Period, filters: explorer.Filters, dim1: str, dim2: str
) -> tuple[Any, bool]:
    """``scope`` must come from :func:`pipelines.access.intersect` on ``access.scope``."""
    return _grouped(cursor(), identity(), _within(access, scope), period, filters, dim1, dim2)


def lines(
    access: Access,
    scope: Scope,
    period: Period,
    filters: explorer.Filters,
    page: int,
    drill: tuple = (),
) -> tuple[Any, int]:
    return _lines(cursor(), identity(), _within(access, scope), period, filters, page, drill)


def export_lines(
    access: Access,
    scope: Scope,
    period: Period,
    filters: explorer.Filters,
    drill: tuple,
    fmt: str,
    lang: str,
    total: int,
) -> Any:
    """A callable for ``st.download_button``: every line the filters select as CSV or XLSX bytes,
    streamed from DuckDB when the user clicks (not at each rerun). It runs on another thread,
    so it opens its own cursor on this process's connection and never touches the session."""
    from dashboard import downloads

    con = _connection(identity())
    narrowed = _within(access, scope)

    def make() -> bytes:
        cur = con.cursor()
        try:
            cur.execute("use warehouse")
            reader = explorer.export_lines(cur, period, narrowed, filters, drill=drill)
            if fmt == "xlsx":
                out, _ = downloads.lines_xlsx(reader, lang, total)
            else:
                out, _ = downloads.lines_csv(reader, lang)
            with out:
                return bytes(out.read())
        finally:
            cur.close()

    return make


# -- analyst pages --------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _suggestions(
    _con: Any,
    _view: objective_queries.ObjectiveView,
    key: tuple,
    version: int,
    access: Access,
    objective_id: str,
    scope: Scope,
    as_of: Any,
) -> dict[str, Any]:
    return suggestion_queries.suggestions(_con, _view, scope, settings(), access, as_of=as_of)


def suggestions(
    access: Access, view: objective_queries.ObjectiveView, scope: Scope
) -> dict[str, Any]:
    """« Fournisseurs inclusifs à solliciter » for one objective the reader sees, within
    ``scope`` (narrowed from the user's); directory records valid today."""
    from pipelines.clock import utcnow

    return _suggestions(
        cursor(),
        view,
        identity(),
        store_version(),
        _rights(access),
        view.spec.objective_id,
        _within(access, scope),
        utcnow().date(),
    )


def load_history() -> Any:
    return operations.load_history(cursor())


def quarantine(load_id: int | None = None) -> Any:
    return operations.quarantine(cursor(), load_id)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _review_queue(_con: Any, key: tuple, version: int, status: str | None) -> list[dict[str, Any]]:
    return operations.review_queue(_con, status=status)


def review_queue(status: str | None = None) -> list[dict[str, Any]]:
    """Probable (status="probable"), unmatched ("none") or both (None) suppliers to review."""
    return _review_queue(cursor(), identity(), store_version(), status)


def supplier_candidates(supplier_key: str) -> list[dict[str, Any]]:
    return operations.supplier_candidates(cursor(), supplier_key)


def confirmation_effect(access: Access, supplier_key: str, year: int) -> list[dict[str, Any]]:
    views = objective_views(access, year)
    return operations.confirmation_effect(
        cursor(), supplier_key, views, settings(), _rights(access)
    )


# -- social clauses (store + warehouse) ---------------------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _clauses(
    _con: Any, key: tuple, version: int, username: str, role: str, scope: Scope, as_of: Any
) -> dict[str, Any]:
    from pipelines.access import Access
    from pipelines.queries.clauses import clause_page

    access = Access(username, role, None, scope, ())
    return clause_page(settings(), access, as_of, _con)


def clauses(access: Access, as_of: Any) -> dict[str, Any]:
    """The « Clauses sociales » page's figures as ``access`` may see them (keyed by role and
    scope, and by the store's newest audit event: every clause write is audited)."""
    return _clauses(
        cursor(), identity(), store_version(), access.username, access.role, access.scope, as_of
    )


# -- controls (page « Contrôles », close confirmation) ------------------------------------------
@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=_MAX)
def _controls_signals(_con: Any, key: tuple, store: int, period: str) -> list[Any]:
    from pipelines.queries import controls as control_queries

    results = period_results(int(period)) if period.isdigit() else None
    return control_queries.signals(period, settings(), _con, results)


def controls_signals(period: str) -> list[Any]:
    """A period's control signals with their reviews (whole organisation: admins and
    executives only). Cached until the warehouse or the store (a review is audited) changes."""
    return _controls_signals(cursor(), identity(), store_version(), period)


def controls_lines(access: Access, lines: Any) -> list[dict[str, Any]]:
    from pipelines.queries import controls as control_queries

    return control_queries.signal_lines(cursor(), lines, access.scope)
