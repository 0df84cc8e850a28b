"""Dashboard speed: server time of each page's first render and of a filter change.

Builds (once) a demo warehouse of ``--lines`` lines under bench/out/dashboard/, then drives the
real app with Streamlit's AppTest (the script runs in this process: what is timed is the server's
work, not the browser's). For every page of the admin role:

* cold  — first render with every cache empty (fresh connection, no cached result; Python
  imports are warmed up once, as in a running server);
* warm  — the same page again (cached results);
* filter — a filter change (a period or filter never asked before: its queries run).

Baseline, in the same run: the overview and objectives figures computed the way a dashboard
without pre-aggregated marts would (``pipelines.kpi`` over the line table, and
``pipelines.objectives.compute_attainment``), against what the dashboard runs (the monthly marts
and the mart-fed objective views). Ratios > 1 mean the dashboard is faster.

    uv run python bench/dashboard.py --lines 1000000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "dashboard"


def build(lines: int) -> Path:
    home = OUT / f"home_{lines}"
    marker = home / "built.ok"
    if marker.exists():
        return home
    home.mkdir(parents=True, exist_ok=True)
    os.environ["ASR_HOME"] = str(home)
    from pipelines.demo import build_demo
    from pipelines.settings import load_settings

    t0 = time.perf_counter()
    build_demo(lines=lines, settings=load_settings(), say=lambda m: print("  " + m, flush=True))
    print(f"  demo built in {time.perf_counter() - t0:.0f} s")
    marker.write_text("ok")
    return home


def timed(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def app_timings() -> list[tuple[str, float, float, float]]:
    from streamlit.testing.v1 import AppTest

    from dashboard import nav
    from pipelines.access import access_for
    from pipelines.settings import load_settings

    settings = load_settings()
    admin = access_for("admin", "admin", "ADM01", settings)
    rows = []
    filters = {
        "overview": lambda at: at.segmented_control(key="pp_granularity").set_value("quarter"),
        "my_objectives": lambda at: at.selectbox(key="objective_owner").set_value(
            at.selectbox(key="objective_owner").options[1]
        ),
        "explorer": lambda at: at.text_input(key="f_search").input("SAS"),
        "suppliers": lambda at: at.segmented_control(key="review_show").set_value("all"),
        "loads": None,
        "objectives_admin": lambda at: at.text_input(key="curve_text").input("step 0.9:0.5 1:1"),
    }
    # Warm-up: Python imports (plotly, pandas, the pages) happen once per server process.
    warm = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
    warm.session_state["access"] = admin
    warm.switch_page("pages/loads.py").run()
    for spec in nav.pages_for("admin"):
        clear_caches()
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
        at.session_state["access"] = admin
        at.session_state["period"] = "2026"
        at.switch_page(spec.path)
        cold = timed(at.run)
        assert not at.exception, (spec.page_id, at.exception)
        warm = timed(at.run, repeat=3)
        change = filters.get(spec.page_id)
        filt = float("nan")
        if change is not None:
            change(at)
            filt = timed(at.run)
            assert not at.exception, (spec.page_id, at.exception)
        rows.append((spec.page_id, cold, warm, filt))
    return rows


def baseline_timings() -> list[tuple[str, float, float]]:
    from pipelines.access import access_for
    from pipelines.kpi import kpi_rows
    from pipelines.objectives import compute_attainment
    from pipelines.queries import objectives as oq
    from pipelines.queries import overview
    from pipelines.queries.periods import Period
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    admin = access_for("admin", "admin", "ADM01", settings)
    con = connect_read(settings)
    period = Period.year(2026)
    scope = admin.scope

    def lines_overview() -> None:
        for p, probable in ((period, False), (period.previous(), False), (period, True)):
            kpi_rows(con, p.start, p.end, scope=scope, settings=settings, include_probable=probable)
        for by in ("month", "entity"):
            kpi_rows(con, period.start, period.end, by=by, scope=scope, settings=settings)

    def marts_overview() -> None:
        overview.headline(con, period, scope, settings)
        overview.monthly(con, period, scope, settings)
        overview.spend_by(con, period, scope, settings, by="entity")
        overview.top_suppliers(con, period, scope, settings)

    rows = [
        ("overview figures", timed(lines_overview, 3), timed(marts_overview, 3)),
        (
            "objectives (open year 2026)",
            timed(lambda: compute_attainment("2026", settings=settings, con=con)),
            timed(lambda: oq.objective_views(con, 2026, admin, settings)),
        ),
    ]
    con.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"Warehouse: {args.lines:,} demo lines".replace(",", " "))
    home = build(args.lines)
    os.environ["ASR_HOME"] = str(home)
    os.environ.setdefault("ASR_USER", "bench")
    from pipelines.settings import load_settings
    from pipelines.warehouse import ensure_warehouse

    ensure_warehouse(load_settings())  # a cached warehouse built by older code: rebuilt, untimed
    import logging

    logging.disable(logging.WARNING)  # AppTest's "no runtime" warnings

    print("\nPage server time (AppTest, admin, year 2026), seconds")
    print(f"{'page':<18}{'cold first':>12}{'warm':>10}{'filter':>10}{'cold/warm':>11}")
    for page, cold, warm, filt in app_timings():
        print(f"{page:<18}{cold:>12.3f}{warm:>10.3f}{filt:>10.3f}{cold / warm:>10.1f}x")

    print("\nBaseline (line-level, as without marts) vs dashboard queries, seconds")
    print(f"{'what':<30}{'baseline':>10}{'ours':>10}{'ratio':>9}")
    for what, base, ours in baseline_timings():
        print(f"{what:<30}{base:>10.3f}{ours:>10.3f}{base / ours:>8.1f}x")


if __name__ == "__main__":
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    sys.path.insert(0, str(ROOT))
    main()
