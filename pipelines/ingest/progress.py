"""A progress bar with rows/s for long loads, fed by DuckDB's own query progress.

The load runs its SQL on the writer connection; a watcher thread polls
``con.query_progress()`` (safe from another thread) and shows a rich bar on stderr once the load
has taken more than a couple of seconds. Nothing is shown with ``quiet`` or when stderr is not a
terminal.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType

import duckdb

SHOW_AFTER_SECONDS = 2.0


class LoadProgress:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        label: str,
        estimated_rows: int,
        *,
        enabled: bool,
    ) -> None:
        self.con = con
        self.label = label
        self.estimated_rows = max(estimated_rows, 1)
        self.enabled = enabled and sys.stderr.isatty()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> LoadProgress:
        if self.enabled:
            self.con.execute("set enable_progress_bar = true")
            self.con.execute("set enable_progress_bar_print = false")
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _watch(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        started = time.perf_counter()
        if self._stop.wait(SHOW_AFTER_SECONDS):
            return
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f} %"),
            TextColumn("~{task.fields[rows]:,} lignes"),
            TextColumn("{task.fields[rate]:,} lignes/s"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(self.label, total=100, rows=0, rate=0)
            best = 0.0
            while not self._stop.wait(0.25):
                try:
                    pct = self.con.query_progress()
                except duckdb.Error:
                    continue
                if pct < 0:
                    continue
                best = max(best, min(pct, 100.0)) if pct >= best - 1 else pct
                rows = int(self.estimated_rows * best / 100)
                elapsed = max(time.perf_counter() - started, 1e-6)
                bar.update(task, completed=best, rows=rows, rate=int(rows / elapsed))


def estimate_rows(size_bytes: int, sample_rows: list[list[str]]) -> int:
    """Rows in a delimited file of ``size_bytes`` from the average length of sample rows."""
    if not sample_rows:
        return 0
    average = sum(sum(len(c) + 1 for c in row) for row in sample_rows) / len(sample_rows)
    return int(size_bytes / max(average, 1.0))
