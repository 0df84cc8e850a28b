"""The analyst's explorer: filters, totals grouped on two dimensions, paginated invoice lines.

Everything aggregates in DuckDB; a grouped result is cut at :data:`~pipelines.queries.MAX_ROWS`
rows and lines come one page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from pipelines.kpi import inclusive_families
from pipelines.queries import MAX_ROWS
from pipelines.queries.periods import Period
from pipelines.scope import Scope
from pipelines.settings import Settings
from pipelines.sql import load_sql

DIMENSIONS = (
    "entity",
    "buyer",
    "manager",
    "family",
    "kind",
    "status",
    "month",
    "year",
    "category",
    "account",
    "supplier",
    "department",
)
STATUSES = ("certain", "probable", "none")
#: Groupings the monthly mart answers (when no supplier search or account filter is set).
MART_DIMENSIONS = ("entity", "buyer", "manager", "family", "kind", "status", "month", "year")
PAGE_SIZE = 100

#: The Explorer's lines table: (column of explore_export.sql, label key), in the order shown on
#: screen and written in a download.
LINE_COLUMNS = (
    ("period_date", "col.date"),
    ("entity", "col.entity"),
    ("supplier_name", "col.supplier"),
    ("amount_eur", "col.spend"),
    ("kind", "col.kind"),
    ("status", "col.status"),
    ("invoice_id", "col.invoice"),
    ("buyer_label", "col.buyer"),
    ("category", "col.category"),
    ("account", "col.account"),
    ("siret", "explorer.export.siret"),
)
#: Rows per record batch of an export (memory stays bounded whatever the line count).
EXPORT_BATCH_ROWS = 65_536


@dataclass(frozen=True)
class Filters:
    """What the analyst chose; the reader's scope is applied on top (never widened)."""

    families: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    search: str | None = None
    account: str | None = None
    #: True: addressable lines only (what counts towards objectives); None: every line
    addressable: bool | None = None
    #: a closed year: the lines its closing froze instead of today's
    frozen_period: str | None = None

    def params(self) -> dict[str, Any]:
        def lst(v: tuple[str, ...] | None) -> list[str] | None:
            return list(v) if v else None

        return {
            "families": lst(self.families),
            "kinds": lst(self.kinds),
            "statuses": lst(self.statuses),
            "search": (self.search or "").strip() or None,
            "account": (self.account or "").strip() or None,
            "addressable": self.addressable,
            **({"frozen_period": self.frozen_period} if self.frozen_period else {}),
        }


#: « Les factures qui comptent » (Mes objectifs): inclusive suppliers' addressable lines,
#: certain or still to confirm.
COUNTED_LINES = Filters(
    families=("insertion", "handicap"), statuses=("certain", "probable"), addressable=True
)


@cache
def _sql(name: str, frozen: bool = False) -> str:
    """A query with its shared parts inlined (``{{drilled}}`` then ``{{filtered}}``); with
    ``frozen``, over the lines a closing froze (explore_frozen_source.sql, $frozen_period)."""
    text = load_sql(f"dashboard/{name}")
    text = text.replace("{{drilled}}", load_sql("dashboard/explore_drilled"))
    source = load_sql(f"dashboard/explore_{'frozen' if frozen else 'live'}_source")
    filtered = load_sql("dashboard/explore_filtered").replace("{{lines}}", source)
    return text.replace("{{filtered}}", filtered)


def _check_dim(dim: str) -> str:
    if dim not in (*DIMENSIONS, "none"):
        raise ValueError(f"unknown dimension {dim!r}; expected one of {', '.join(DIMENSIONS)}")
    return dim


def _params(period: Period, scope: Scope, filters: Filters) -> dict[str, Any]:
    return {"date_from": period.start, "date_to": period.end, **scope.params(), **filters.params()}


def grouped(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    filters: Filters,
    settings: Settings,
    *,
    dim1: str,
    dim2: str = "none",
    limit: int = MAX_ROWS,
) -> tuple[pd.DataFrame, bool]:
    """Totals per (key1, key2), largest spend first; True when cut at ``limit`` rows.

    Answered from the monthly mart when it carries the groupings and filters (then
    ``count_suppliers`` is null), else from the line table.
    """
    params = {
        **_params(period, scope, filters),
        "dim1": _check_dim(dim1),
        "dim2": _check_dim(dim2),
        "inclusive_families": inclusive_families(settings),
        "limit": min(int(limit), MAX_ROWS) + 1,
    }
    from_mart = (
        filters.frozen_period is None
        and dim1 in MART_DIMENSIONS
        and dim2 in (*MART_DIMENSIONS, "none")
        and params["search"] is None
        and params["account"] is None
    )
    if from_mart:
        params = {k: v for k, v in params.items() if k not in ("search", "account")}
    frame = con.execute(
        _sql(
            "explore_grouped_mart" if from_mart else "explore_grouped",
            filters.frozen_period is not None,
        ),
        params,
    ).df()
    cut = len(frame) > min(limit, MAX_ROWS)
    return frame.head(min(limit, MAX_ROWS)), cut


def _drill_params(
    period: Period, scope: Scope, filters: Filters, drill: tuple[tuple[str, str], ...]
) -> dict[str, Any]:
    keys = dict(drill)
    dims = list(keys)[:2] + ["none"] * (2 - len(keys))
    return {
        **_params(period, scope, filters),
        "dim1": _check_dim(dims[0]),
        "dim2": _check_dim(dims[1]),
        "key1": keys.get(dims[0]),
        "key2": keys.get(dims[1]) if dims[1] != "none" else None,
    }


def count_lines(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    filters: Filters,
    *,
    drill: tuple[tuple[str, str], ...] = (),
) -> int:
    """How many lines the filters and drill-down select (all pages)."""
    row = con.execute(
        _sql("explore_count", filters.frozen_period is not None),
        _drill_params(period, scope, filters, drill),
    ).fetchone()
    return int(row[0]) if row else 0


def export_lines(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    filters: Filters,
    *,
    drill: tuple[tuple[str, str], ...] = (),
    batch_rows: int = EXPORT_BATCH_ROWS,
) -> Any:
    """Every selected line (no page, no limit) as a ``pyarrow.RecordBatchReader`` of
    :data:`LINE_COLUMNS`, read from DuckDB ``batch_rows`` at a time (``to_arrow_reader``)."""
    params = _drill_params(period, scope, filters, drill)
    sql = _sql("explore_export", filters.frozen_period is not None)
    return con.sql(sql, params=params).to_arrow_reader(int(batch_rows))


def lines(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    scope: Scope,
    filters: Filters,
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE,
    drill: tuple[tuple[str, str], ...] = (),
) -> tuple[pd.DataFrame, int]:
    """One page of lines (newest first) and the number of lines in all pages."""
    params = {
        **_drill_params(period, scope, filters, drill),
        "limit": min(int(page_size), MAX_ROWS),
        "offset": max(int(page), 0) * int(page_size),
    }
    frame = con.execute(_sql("explore_lines", filters.frozen_period is not None), params).df()
    return frame, count_lines(con, period, scope, filters, drill=drill)
