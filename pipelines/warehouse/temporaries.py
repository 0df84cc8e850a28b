"""Temporary files of writers, named after their process, and their removal once it is gone.

A writer killed mid-load (``kill -9``, power cut) leaves its private copy of the warehouse
(``.warehouse.duckdb.<pid>.tmp``, as large as the warehouse), the ingest work folder
(``.ingest-<pid>-…``) and DuckDB's spill files behind. The next writer, holding the writer lock,
removes those whose process no longer exists (:func:`remove_stale`). A process that still runs
keeps its files, even if it is not a writer of ours (a reused pid errs on the side of keeping).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

INGEST_PREFIX = ".ingest-"
#: DuckDB's spill folder of a load (set by the writer only, so stale when the lock is free)
SPILL_DIR = ".duckdb-tmp"


def warehouse_temp(path: Path, pid: int | None = None) -> Path:
    """The private copy a writer process works on."""
    return path.with_name(f".{path.name}.{pid or os.getpid()}.tmp")


def ingest_prefix() -> str:
    """Prefix of this process's ingest work folders (tempfile adds a random suffix)."""
    return f"{INGEST_PREFIX}{os.getpid()}-"


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _owner(name: str, warehouse_name: str) -> int | None:
    wal = re.escape(f".{warehouse_name}.") + r"(\d+)\.tmp(\.wal)?"
    if m := re.fullmatch(wal, name):
        return int(m[1])
    if m := re.fullmatch(re.escape(INGEST_PREFIX) + r"(\d+)-.*", name):
        return int(m[1])
    return None


def remove_stale(home: Path, warehouse: Path) -> list[Path]:
    """Remove temporary files and folders of writer processes that are gone; call it only while
    holding the writer lock. Returns what was removed."""
    removed: list[Path] = []
    folders = {home, warehouse.parent}
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            pid = _owner(entry.name, warehouse.name)
            if pid is None or pid == os.getpid() or process_alive(pid):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    spill = home / SPILL_DIR
    if spill.is_dir():  # only the lock holder spills there, and it has not started yet
        for entry in spill.iterdir():
            if entry.is_file():
                entry.unlink(missing_ok=True)
                removed.append(entry)
    return removed
