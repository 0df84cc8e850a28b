"""Benchmark: ``asr ingest`` of a French-locale CSV against a bare DuckDB typed read, same run.

    uv run python bench/ingest.py --lines 1000000

Generates the CSV (decimal comma, dd/mm/yyyy, ``;``, French headers), then, each in its own
subprocess so that peak memory is measured per side:

* baseline: ``create table t as select * from read_csv(..., columns={explicit types})`` into a
  fresh database file;
* ours: ``pipelines.ingest.ingest_files([csv])`` into a fresh ASR_HOME (copy-and-swap
  transaction, typing, quarantine checks, replacement, mart refresh, publish).

Prints wall times, the ratio (target <= 1.5), peak RSS of each side against the CSV size, and
checks that the loaded sum equals the DECIMAL sum read straight from the file, to the cent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent

HEADER = [
    "Société", "N° de facture", "N° de ligne", "Date de facture", "Code fournisseur",
    "Raison sociale fournisseur", "SIRET fournisseur", "CP fournisseur", "Acheteur",
    "Compte général", "Catégorie d'achat", "Montant HT (EUR)", "Devise",
]  # fmt: skip

BASELINE_TYPES = {
    "Société": "VARCHAR",
    "N° de facture": "VARCHAR",
    "N° de ligne": "INTEGER",
    "Date de facture": "DATE",
    "Code fournisseur": "VARCHAR",
    "Raison sociale fournisseur": "VARCHAR",
    "SIRET fournisseur": "VARCHAR",
    "CP fournisseur": "VARCHAR",
    "Acheteur": "VARCHAR",
    "Compte général": "VARCHAR",
    "Catégorie d'achat": "VARCHAR",
    "Montant HT (EUR)": "DECIMAL(18,2)",
    "Devise": "VARCHAR",
}

GENERATE_SQL = """
copy (
    select
        'ENT' || (i % 7) as "Société",
        'F' || lpad(cast(i // 3 as varchar), 9, '0') as "N° de facture",
        (i % 3) + 1 as "N° de ligne",
        strftime(date '2023-01-01' + cast(i % 730 as integer), '%d/%m/%Y') as "Date de facture",
        'S' || (i * 7919 % 50000) as "Code fournisseur",
        'Société Générale d''Édition ' || (i * 7919 % 50000) as "Raison sociale fournisseur",
        lpad(cast(100000000 + (i * 7919 % 50000) as varchar), 9, '0') || '00018'
            as "SIRET fournisseur",
        lpad(cast(1000 + i % 95000 as varchar), 5, '0') as "CP fournisseur",
        'acheteur' || (i % 40) as "Acheteur",
        '60' || (i % 90 + 10) as "Compte général",
        'Catégorie ' || (i % 25) as "Catégorie d'achat",
        replace(cast(cast(((i * 104729) % 2000000 - 100000) / 100 as decimal(18, 2)) as varchar),
            '.', ',') as "Montant HT (EUR)",
        'EUR' as "Devise"
    from range($lines) as r(i)
) to '{path}' (header, delimiter ';', quote '"')
"""


def generate(path: Path, lines: int) -> None:
    con = duckdb.connect()
    # the path is ours (a temporary directory); COPY TO takes no bound parameter for it
    con.execute(GENERATE_SQL.replace("{path}", str(path).replace("'", "''")), {"lines": lines})
    con.close()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_baseline(csv_path: str, db_path: str) -> dict[str, object]:
    con = duckdb.connect(db_path)
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    con.execute(
        "create table t as select * from read_csv($path, delim = ';', header = true, "
        "columns = $columns, decimal_separator = ',', dateformat = '%d/%m/%Y', "
        "auto_detect = false)",
        {"path": csv_path, "columns": BASELINE_TYPES},
    )
    con.execute("checkpoint")
    con.close()
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    con = duckdb.connect(db_path, read_only=True)
    row = con.execute('select count(*), sum("Montant HT (EUR)") from t').fetchone()
    con.close()
    assert row is not None
    return {"seconds": seconds, "cpu": cpu, "rows": row[0], "sum": str(row[1])}


def _child_ingest(csv_path: str, home: str) -> dict[str, object]:
    os.environ["ASR_HOME"] = home
    import logging

    from pipelines.ingest import ingest_files
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read, ensure_warehouse

    steps: dict[str, float] = {}

    class _Steps(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            name, seconds = record.args  # type: ignore[misc]
            steps[str(name)] = steps.get(str(name), 0.0) + float(seconds)

    logger = logging.getLogger("pipelines.ingest")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(_Steps())
    settings = load_settings()
    ensure_warehouse(settings)  # an existing, empty warehouse, as in real use
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    (result,) = ingest_files([Path(csv_path)], settings=settings)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    con = connect_read(settings)
    row = con.execute("select count(*), sum(amount_eur) from raw_ledger_lines").fetchone()
    # generated row i is on line i + 2, invoice i // 3, line i % 3 + 1: row numbers must follow
    misnumbered = con.execute(
        "select count(*) from raw_ledger_lines where invoice_id <> "
        "'F' || lpad(cast((source_row - 2) // 3 as varchar), 9, '0') "
        "or line_no <> (source_row - 2) % 3 + 1"
    ).fetchone()
    con.close()
    assert row is not None and misnumbered is not None
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rows": row[0],
        "sum": str(row[1]),
        "misnumbered": misnumbered[0],
        "quarantined": result.rows_quarantined,
        "steps": steps,
    }


def _run_child(kind: str, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        payload = _child_baseline(*rest) if kind == "baseline" else _child_ingest(*rest)
        payload["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps(payload))
        return

    work = Path(tempfile.mkdtemp(prefix="asr-bench-ingest-"))
    try:
        csv_path = work / "ledger.csv"
        started = time.perf_counter()
        generate(csv_path, args.lines)
        size = csv_path.stat().st_size
        print(f"generated {args.lines:,} lines, {size / 1e6:,.1f} MB "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        base = _run_child("baseline", str(csv_path), str(work / "baseline.duckdb"))
        ours = _run_child("ingest", str(csv_path), str(work / "home"))
        ratio = float(ours["seconds"]) / float(base["seconds"])  # type: ignore[arg-type]
        print(f"baseline read_csv -> table : {base['seconds']:.2f} s, "
              f"peak RSS {int(base['peak_rss_bytes']) / 1e6:,.0f} MB")  # type: ignore[call-overload]  # fmt: skip
        print(f"asr ingest                 : {ours['seconds']:.2f} s, "
              f"peak RSS {int(ours['peak_rss_bytes']) / 1e6:,.0f} MB")  # type: ignore[call-overload]  # fmt: skip
        rate = args.lines / float(ours["seconds"])  # type: ignore[arg-type]
        print(f"ratio ingest / baseline    : {ratio:.2f}x (target <= 1.5), {rate:,.0f} rows/s")
        cpu_ratio = float(ours["cpu"]) / float(base["cpu"])  # type: ignore[arg-type]
        print(f"CPU time ingest / baseline : {ours['cpu']:.2f} s / {base['cpu']:.2f} s = "
              f"{cpu_ratio:.2f}x (steadier than wall time on a shared machine)")  # fmt: skip
        mem_ok = int(ours["peak_rss_bytes"]) <= size  # type: ignore[call-overload]
        print(f"peak memory <= CSV size    : {'yes' if mem_ok else 'no'} "
              f"({int(ours['peak_rss_bytes']) / size:.2f}x the CSV)")  # type: ignore[call-overload]  # fmt: skip
        steps = ours.get("steps") or {}
        print("  of which                  : " + ", ".join(
            f"{k} {v:.2f} s" for k, v in steps.items()))  # type: ignore[union-attr]  # fmt: skip
        marts = float(steps.get("refresh_marts", 0.0))  # type: ignore[union-attr]
        landing = float(ours["seconds"]) - marts  # type: ignore[arg-type]
        print(f"ingest without mart refresh: {landing:.2f} s, "
              f"{landing / float(base['seconds']):.2f}x the baseline")  # type: ignore[arg-type]  # fmt: skip
        same = base["sum"] == ours["sum"] and base["rows"] == ours["rows"]
        print(f"sum check                  : file {base['sum']} / loaded {ours['sum']} "
              f"-> {'OK' if same else 'MISMATCH'}; quarantined {ours['quarantined']}")  # fmt: skip
        print(f"row numbers check          : {ours['misnumbered']} lines whose source_row "
              "does not match their invoice and line")  # fmt: skip
        if not same or ours["misnumbered"]:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
