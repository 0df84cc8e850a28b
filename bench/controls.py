"""Time of what the page « Contrôles » computes, at N lines, against a bare grouped scan.

Builds (once) a demo organisation of ``--lines`` lines under bench/out/controls/ (the product's
own generator: people, objectives, the planted cases, the closed year 2025), then times in the
same run, best of ``--repeat``, each on a fresh read-only connection (DuckDB's own caches cold):

* baseline — one grouped sum of the same lines (supplier, buyer) over the three years the
  controls read;
* ours — :func:`pipelines.queries.controls.signals`, exactly what the page and the close
  confirmation compute on a first render: the objectives' attainment (the payout at stake
  starts from it), the controls' SQL, the six rules and the reviews, for an open year (2026)
  and a closed one (2025: frozen figures, reversal after close).

``--profile`` adds a cProfile of one run of ours (top functions by cumulative time).

    uv run python bench/controls.py [--lines 2000000] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "controls"


def build(lines: int) -> None:
    home = OUT / f"home_{lines}"
    os.environ["ASR_HOME"] = str(home)
    marker = home / "built.ok"
    if marker.exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    from pipelines.demo import build_demo
    from pipelines.settings import load_settings

    t0 = time.perf_counter()
    build_demo(lines=lines, settings=load_settings(), say=lambda m: print("  " + m, flush=True))
    print(f"  demo built in {time.perf_counter() - t0:.0f} s")
    marker.write_text("ok")


def best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    build(args.lines)

    from pipelines.queries.controls import signals
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read
    from pipelines.wiring import ready

    settings = load_settings()
    ready(settings)

    def baseline() -> int:
        with connect_read(settings) as con:
            return len(
                con.execute(
                    "select supplier_key, buyer, sum(amount_eur) from fct_spend_lines "
                    "where period_year between 2024 and 2026 group by all"
                ).fetchall()
            )

    def ours(period: str) -> Callable[[], int]:
        def run() -> int:
            with connect_read(settings) as con:
                return len(signals(period, settings, con))

        return run

    ours("2026")()  # Python imports warmed up once, as in a running server
    base, groups = best(baseline, args.repeat)
    print(f"lines: {args.lines:,}  baseline groups: {groups:,}")
    print(f"baseline (bare grouped scan, 3 years): {base:.3f} s")
    for period in ("2026", "2025"):
        took, count = best(ours(period), args.repeat)
        print(
            f"ours {period} (attainment + controls' SQL + rules + reviews): {took:.3f} s, "
            f"{count} signal(s); ratio ours / baseline: {took / base:.1f}x"
        )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(ours("2026"))
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
