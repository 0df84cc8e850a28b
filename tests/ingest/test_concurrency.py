"""A dashboard-like reader process keeps answering while a load runs, and sees old or new totals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from pipelines.ingest import ingest_files
from pipelines.settings import Settings
from tests.ingest.conftest import totals

READER = r"""
import json, sys, time
from pathlib import Path
from pipelines.settings import load_settings
from pipelines.warehouse import connect_read
out, stop = Path(sys.argv[1]), Path(sys.argv[2])
settings = load_settings()
with open(out, "a", buffering=1) as handle:
    while not stop.exists():
        try:
            con = connect_read(settings)
            try:
                n, total = con.execute(
                    "select count(*), coalesce(sum(amount_eur), 0) from raw_ledger_lines"
                ).fetchone()
            finally:
                con.close()
            handle.write(json.dumps({"n": n, "sum": str(total)}) + "\n")
        except Exception as exc:  # recorded, the test fails on it
            handle.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
        time.sleep(0.01)
"""


def _observations(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _wait_for(predicate, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_reader_process_during_load(settings: Settings, fixtures: Path, tmp_path: Path) -> None:
    ingest_files([fixtures / "canonical.csv"], settings=settings)
    old = totals(settings)
    big = tmp_path / "big.csv"
    lines = ["entity;invoice_id;line_no;invoice_date;supplier_name;amount_eur"]
    lines += [f"B;I{i // 4};{i % 4 + 1};2024-03-{i % 28 + 1:02d};S{i % 97};{i % 1000},25"
              for i in range(30_000)]  # fmt: skip
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected_new = (old[0] + 30_000, old[1] + sum(Decimal(f"{i % 1000}.25") for i in range(30_000)))

    out, stop = tmp_path / "reads.jsonl", tmp_path / "stop"
    env = {**os.environ, "ASR_HOME": str(settings.home)}
    reader = subprocess.Popen([sys.executable, "-c", READER, str(out), str(stop)], env=env)
    try:
        assert _wait_for(lambda: len(_observations(out)) >= 1), "reader never answered"
        ingest_files([big], settings=settings)
        seen_before = len(_observations(out))
        assert _wait_for(lambda: len(_observations(out)) > seen_before + 2)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    observations = _observations(out)
    errors = [o["error"] for o in observations if "error" in o]
    assert not errors, errors[:3]
    states = {(int(o["n"]), Decimal(o["sum"])) for o in observations}
    assert states <= {old, expected_new}, states
    assert expected_new in states
    assert totals(settings) == expected_new
