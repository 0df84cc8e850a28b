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

The FEC path (``--fec-lines``, default 2 M) does the same with a generated FEC: tab-separated,
decimal comma, one opening entry (journal ANO, fixed assets brought forward, never spend) and
weak numbering (every purchase entry numbered 0, so entries are rebuilt from balanced runs).
Its baseline is the same bare typed ``read_csv``; the check is the sum of the purchase lines
outside the opening entry, computed while generating.
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


FEC_HEADER = [
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
]  # fmt: skip
FEC_TYPES = {name: "VARCHAR" for name in FEC_HEADER} | {
    "EcritureDate": "DATE",
    "Debit": "DECIMAL(18,2)",
    "Credit": "DECIMAL(18,2)",
}
#: lines of the opening entry at the top of the generated FEC
FEC_OPENING_LINES = 20_000

# rows of three lines per purchase entry (expense, VAT, supplier), all numbered 0 in journal HA,
# after one opening entry of $opening lines (fixed assets debited, equity credited)
GENERATE_FEC_SQL = """
copy (
    with opening as (
        select
            i as sort_key, 'ANO' as j, 'A nouveaux' as jl, '1' as num, '20240101' as d,
            case when i < $opening - 1 then '2154' || lpad(cast(i % 1000 as varchar), 4, '0')
                 else '10130000' end as acc,
            cast(null as varchar) as aux,
            case when i < $opening - 1 then '100,00' else '0,00' end as debit,
            case when i < $opening - 1 then '0,00'
                 else replace(
                     cast(cast(($opening - 1) * 100 as decimal(18, 2)) as varchar), '.', ','
                 )
            end as credit,
            cast(null as decimal(18, 2)) as spend
        from range($opening) as r(i)
    ),
    purchases as (
        select
            $opening + i as sort_key, i // 3 as e, i % 3 as k,
            cast(cast(((i // 3) * 104729) % 200000 + 100 as decimal(18, 0)) * 0.01
                as decimal(18, 2)) as amount
        from range($lines) as r(i)
    ),
    purchase_lines as (
        select
            sort_key, 'HA' as j, 'Achats' as jl, '0' as num,
            strftime(date '2024-01-01' + cast(e % 365 as integer), '%Y%m%d') as d,
            case k when 0 then '606' || lpad(cast(e % 100 as varchar), 5, '0')
                   when 1 then '44566000' else '40100000' end as acc,
            case when k = 2 then 'F' || (e % 5000) end as aux,
            case k when 0 then replace(cast(amount as varchar), '.', ',')
                   when 1 then replace(cast(vat as varchar), '.', ',')
                   else '0,00' end as debit,
            case when k = 2 then replace(cast(amount + vat as varchar), '.', ',')
                else '0,00' end as credit,
            case when k = 0 then amount end as spend
        from (select *, cast(amount * 0.2 as decimal(18, 2)) as vat from purchases)
    ),
    all_lines as (
        select * from opening
        union all
        select sort_key, j, jl, num, d, acc, aux, debit, credit, spend from purchase_lines
    )
    select
        j as "JournalCode", jl as "JournalLib", num as "EcritureNum", d as "EcritureDate",
        acc as "CompteNum", 'Compte ' || acc as "CompteLib", aux as "CompAuxNum",
        case when aux is not null then 'Fournisseur ' || aux end as "CompAuxLib",
        'P' || sort_key as "PieceRef", d as "PieceDate", 'Ecriture' as "EcritureLib",
        debit as "Debit", credit as "Credit", '' as "EcritureLet", '' as "DateLet",
        d as "ValidDate", '' as "Montantdevise", '' as "Idevise"
    from all_lines
    order by sort_key
) to '{path}' (header, delimiter '\t', quote '')
"""


def generate_fec(path: Path, lines: int) -> str:
    """Write the FEC; returns the sum of its purchase lines outside the opening entry."""
    lines -= lines % 3
    con = duckdb.connect()
    params = {"lines": lines, "opening": FEC_OPENING_LINES}
    con.execute(GENERATE_FEC_SQL.replace("{path}", str(path).replace("'", "''")), params)
    row = con.execute(
        "select sum(cast(cast(((i // 3) * 104729) % 200000 + 100 as decimal(18, 0)) * 0.01 "
        "as decimal(18, 2))) "
        "from range($lines) as r(i) where i % 3 = 0",
        {"lines": lines},
    ).fetchone()
    con.close()
    assert row is not None
    return str(row[0])


def generate(path: Path, lines: int) -> None:
    con = duckdb.connect()
    # the path is ours (a temporary directory); COPY TO takes no bound parameter for it
    con.execute(GENERATE_SQL.replace("{path}", str(path).replace("'", "''")), {"lines": lines})
    con.close()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_baseline(csv_path: str, db_path: str, kind: str = "csv") -> dict[str, object]:
    con = duckdb.connect(db_path)
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    fec = kind == "fec"
    con.execute(
        "create table t as select * from read_csv($path, delim = $delim, header = true, "
        "columns = $columns, decimal_separator = ',', dateformat = $dateformat, "
        "auto_detect = false, quote = '')",
        {
            "path": csv_path,
            "delim": "\t" if fec else ";",
            "columns": FEC_TYPES if fec else BASELINE_TYPES,
            "dateformat": "%Y%m%d" if fec else "%d/%m/%Y",
        },
    )
    con.execute("checkpoint")
    con.close()
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    con = duckdb.connect(db_path, read_only=True)
    amount = '"Debit" - "Credit"' if fec else '"Montant HT (EUR)"'
    # a constant expression of ours, no user text
    row = con.execute(f"select count(*), sum({amount}) from t").fetchone()
    con.close()
    assert row is not None
    return {"seconds": seconds, "cpu": cpu, "rows": row[0], "sum": str(row[1])}


def _child_ingest(csv_path: str, home: str, kind: str = "csv") -> dict[str, object]:
    os.environ["ASR_HOME"] = home
    import logging

    from pipelines.ingest import ingest_files
    from pipelines.warehouse import connect_read, ensure_warehouse
    from pipelines.wiring import ready

    steps: dict[str, float] = {}

    class _Steps(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            name, seconds = record.args  # type: ignore[misc]
            steps[str(name)] = steps.get(str(name), 0.0) + float(seconds)

    for name in ("pipelines.ingest", "pipelines.marts"):  # marts: the steps of refresh_marts
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(_Steps())
    settings = ready()  # this benchmark's entry point: settings read, store migrated
    ensure_warehouse(settings)  # an existing, empty warehouse, as in real use
    steps.clear()  # its first mart build is not part of the load
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    entity = "BENCH" if kind == "fec" else None
    (result,) = ingest_files([Path(csv_path)], entity=entity, settings=settings)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    con = connect_read(settings)
    row = con.execute("select count(*), sum(amount_eur) from raw_ledger_lines").fetchone()
    if kind == "fec":
        con.close()
        assert row is not None
        return {
            "seconds": seconds,
            "cpu": cpu,
            "rows": row[0],
            "sum": str(row[1]),
            "rows_read": result.rows_read,
            "quarantined": result.rows_quarantined,
            "details": {k: result.details.get(k) for k in ("entries", "opening_entries")},
            "steps": steps,
        }
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
    parser.add_argument("--fec-lines", type=int, default=2_000_000, help="0: no FEC run")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        child = _child_baseline if kind.startswith("baseline") else _child_ingest
        payload = child(*rest, "fec" if kind.endswith("fec") else "csv")
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
        fec_ok = _bench_fec(work, args.fec_lines) if args.fec_lines else True
        if not same or ours["misnumbered"] or not fec_ok:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench_fec(work: Path, lines: int) -> bool:
    fec_path = work / "BENCHFEC20241231.txt"
    started = time.perf_counter()
    expected = generate_fec(fec_path, lines)
    size = fec_path.stat().st_size
    print(f"FEC: generated {lines:,} purchase lines + {FEC_OPENING_LINES:,} opening lines, "
          f"{size / 1e6:,.1f} MB in {time.perf_counter() - started:.1f} s")  # fmt: skip
    base = _run_child("baseline-fec", str(fec_path), str(work / "baseline-fec.duckdb"))
    ours = _run_child("ingest-fec", str(fec_path), str(work / "home-fec"))
    ratio = float(ours["seconds"]) / float(base["seconds"])  # type: ignore[arg-type]
    cpu_ratio = float(ours["cpu"]) / float(base["cpu"])  # type: ignore[arg-type]
    print(f"FEC baseline read_csv      : {base['seconds']:.2f} s")
    print(f"FEC asr ingest             : {ours['seconds']:.2f} s, "
          f"peak RSS {int(ours['peak_rss_bytes']) / 1e6:,.0f} MB")  # type: ignore[call-overload]  # fmt: skip
    print(f"FEC ratio ingest / baseline: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
          "(entries rebuilt from balanced runs, opening entry skipped)")  # fmt: skip
    steps = ours.get("steps") or {}
    print("  of which                  : " + ", ".join(
        f"{k} {v:.2f} s" for k, v in steps.items()))  # type: ignore[union-attr]  # fmt: skip
    same = ours["sum"] == expected and ours["rows"] == lines // 3
    print(f"FEC sum check              : expected {expected} over {lines // 3:,} lines / loaded "
          f"{ours['sum']} over {ours['rows']:,} -> {'OK' if same else 'MISMATCH'}; "
          f"rows read {ours['rows_read']:,}, quarantined {ours['quarantined']}, "
          f"{ours['details']}")  # fmt: skip
    return bool(same)


if __name__ == "__main__":
    main()
