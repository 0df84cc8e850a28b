"""Time to compute the controls' signals at 2 M lines against a bare DuckDB aggregate scan.

Builds an in-memory warehouse (the product's migrations and line views) with N synthetic lines
over three years, 3 000 suppliers and 40 buyers, then in the same run times:
- baseline: one grouped sum of the same lines (``supplier_key, buyer``) over the same years;
- ours: the controls' SQL (cells, history cells, supplier spans, excluded cells, buyer changes)
  and the pure
  rules (spike, concentration, new and gone, portfolio) over 60 objectives.
Not timed: the objectives' own attainment (pipelines.objectives, measured by bench/dashboard.py)
and the store reads. Usage: ``uv run python bench/controls.py [--lines 2000000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from decimal import Decimal

import duckdb

from pipelines.controls.compute import ControlParams, read_cells
from pipelines.controls.model import ObjectiveView
from pipelines.controls.rules import (
    concentration_signals,
    new_gone_signals,
    portfolio_signals,
    spike_signals,
)
from pipelines.objectives.definitions import ObjectiveSpec
from pipelines.sql import load_sql
from pipelines.warehouse.migrations import apply_migrations

FAMILIES = ["insertion", "handicap"]
SCOPE = {"buyers": None, "entities": None}


def build(lines: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    apply_migrations(con)
    con.execute(f"create view stg_ledger_lines as {load_sql('staging/stg_ledger_lines')}")
    con.execute(f"create view fct_spend_lines as {load_sql('marts/fct_spend_lines')}")
    con.execute(
        """
        insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no,
            invoice_date, supplier_code, supplier_name, buyer, account, category, amount_eur,
            currency, supplier_key, period_date, is_addressable, kind, family, status)
        select 1, i, 'E' || (i % 3), 'F' || (i // 3), (i % 3)::integer,
            date '2023-01-01' + ((i * 7919) % 1095)::integer,
            'S' || (i % 3000), 'Supplier ' || (i % 3000), 'B' || (i % 40), '606' || (i % 10),
            'C' || (i % 12), ((i * 104729) % 500000) / 100.0, 'EUR', 'S' || (i % 3000),
            date '2023-01-01' + ((i * 7919) % 1095)::integer, (i % 17) <> 0,
            case when i % 3000 < 300 then 'EA' end,
            case when i % 3000 < 300 then 'handicap' end,
            case when i % 3000 < 300 then 'certain' else 'none' end
        from range(?) as t(i)
        """,
        [lines],
    )
    return con


def views() -> list[ObjectiveView]:
    out = []
    for b in range(60):
        spec = ObjectiveSpec(
            f"B{b}-2025",
            f"B{b % 40}",
            "buyer",
            f"B{b % 40}",
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
            "inclusive_spend_eur",
            Decimal("100000"),
            Decimal("0.1"),
            Decimal("6000"),
            None,
        )
        out.append(ObjectiveView(spec, Decimal("90000"), frozenset({f"B{b % 40}"}), None))
    return out


def ours(con: duckdb.DuckDBPyConnection) -> int:
    p = ControlParams()
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    cells = read_cells(con, 2025, p.spike.tail_days, FAMILIES, SCOPE)
    con.execute(
        load_sql("controls/supplier_spans"),
        {"date_to": end, "new_days": p.new_gone.new_days, "inclusive_families": FAMILIES, **SCOPE},
    ).fetchall()
    con.execute(
        load_sql("controls/excluded_cells"), {"date_from": start, "date_to": end, **SCOPE}
    ).fetchall()
    con.execute(
        load_sql("controls/buyer_changes"),
        {"date_from": start, "date_to": end, "inclusive_families": FAMILIES, **SCOPE},
    ).fetchall()
    v = views()
    found = spike_signals(2025, cells, v, p.spike)
    found += concentration_signals(2025, cells, v, p.concentration)
    found += new_gone_signals(2025, cells, [], None, v, p.new_gone)
    found += portfolio_signals(2025, [], v, p.portfolio)
    return len(cells)


def baseline(con: duckdb.DuckDBPyConnection) -> int:
    return len(
        con.execute(
            "select supplier_key, buyer, sum(amount_eur) from fct_spend_lines "
            "where period_year between 2023 and 2025 group by all"
        ).fetchall()
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    con = build(args.lines)
    best = {}
    for name, fn in (("baseline", baseline), ("ours", ours)):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn(con)
            times.append(time.perf_counter() - t0)
        best[name] = min(times)
    print(f"lines: {args.lines:,}  cells: {ours(con):,}")
    print(f"baseline (bare grouped scan): {best['baseline']:.3f} s")
    print(f"ours (all controls' SQL + rules): {best['ours']:.3f} s")
    print(f"ratio ours / baseline: {best['ours'] / best['baseline']:.1f}x")


if __name__ == "__main__":
    main()
