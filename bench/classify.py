"""Classification benchmark: ours against a naive baseline, in the same run.

1. Matching engine: 50,000 distinct suppliers against 10,000 directory records, name matching
   included (``pipelines.classify.engine.match_all``: identifier look-ups, then rapidfuzz
   ``cdist`` blocked by department). Baseline: the same suppliers matched by name *without*
   blocking, one ``rapidfuzz.process.extractOne`` per supplier over every record (what a
   straightforward script does), timed on a subsample and extrapolated (labelled so).
2. Full ``asr classify`` (``pipelines.classify.classify``) on a warehouse of LINES ledger lines
   (default 1,500,000; the machine is shared), including the copy-and-swap write and the mart
   refresh; the per-line rate is extrapolated to 10 M lines (labelled so).

Run: ``uv run python bench/classify.py [--lines N] [--suppliers N] [--records N]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from pipelines.classify.engine import match_all
from pipelines.classify.names import match_key
from pipelines.classify.normalize import normalize_name
from pipelines.classify.rules import Record, Supplier
from pipelines.identifiers import department_of
from pipelines.kinds import family_of
from pipelines.settings import REFERENCE_DIR

WORDS = [
    "ATELIER",
    "JARDIN",
    "RECYCLERIE",
    "SOLIDAIRE",
    "INSERTION",
    "EMPLOI",
    "SERVICES",
    "NATURE",
    "BOIS",
    "METAL",
    "TEXTILE",
    "CUISINE",
    "TRAITEUR",
    "NETTOYAGE",
    "ESPACES",
    "VERTS",
    "BATIMENT",
    "MOBILITE",
    "VELO",
    "LIVRE",
    "PAPIER",
    "NUMERIQUE",
    "LOGISTIQUE",
    "TRANSPORT",
    "ENTRAIDE",
    "AVENIR",
    "PASSERELLE",
    "ENVOL",
    "HORIZON",
    "RELAIS",
    "TREMPLIN",
    "CHANTIER",
    "REGIE",
    "QUARTIER",
    "VALLEE",
    "PAYS",
    "COTE",
    "LAC",
    "MONTAGNE",
    "RIVIERE",
    "OCEAN",
    "SOLEIL",
    "ETOILE",
]


def _luhn_siret(rng: random.Random) -> str:
    from stdnum import luhn

    body = "".join(rng.choice("0123456789") for _ in range(13))
    return body + luhn.calc_check_digit(body)


def build_records(n: int, rng: random.Random) -> list[Record]:
    with open(REFERENCE_DIR / "lemarche_siae_sample.csv", encoding="utf-8") as handle:
        sample = [r for r in csv.DictReader(handle) if r["kind"] != "OPCS"]
    departments = sorted({r["department"] for r in sample if r["department"]})
    records = []
    for i in range(n):
        if i < len(sample):
            r = sample[i]
            siret, name, kind, pc = r["siret"], r["name"], r["kind"], r["post_code"]
        else:
            siret = _luhn_siret(rng)
            name = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
            kind = rng.choice(["EI", "ACI", "AI", "ETTI", "EA", "ESAT"])
            dep = rng.choice(departments)
            pc = (dep + "000")[:5] if len(dep) == 2 else dep + "00"
        records.append(
            Record(
                record_id=i + 1,
                source="bench",
                kind=kind,
                family=family_of(kind),
                siret=siret,
                siren=siret[:9],
                name=name,
                name_norm=normalize_name(name),
                department=department_of(pc),
                file="bench.csv",
            )
        )
    return records


def build_suppliers(n: int, records: list[Record], rng: random.Random) -> list[Supplier]:
    departments = sorted({r.department for r in records if r.department})
    suppliers = []
    for i in range(n):
        r = rng.choice(records)
        pc = f"{r.department}100" if r.department and len(r.department) == 2 else "75011"
        roll = rng.random()
        if roll < 0.10:
            suppliers.append(Supplier(f"s{i}", r.name, r.siret, pc, r.department))
        elif roll < 0.15:
            suppliers.append(Supplier(f"s{i}", r.name, r.siret[:9] + "09999", pc, r.department))
        elif roll < 0.45:
            name = (r.name or "").lower() + rng.choice(["", " sarl", " sas"])
            suppliers.append(Supplier(f"s{i}", name, None, pc, r.department))
        else:
            dep = rng.choice(departments)
            name = " ".join(rng.sample(WORDS, rng.randint(1, 3))) + f" {rng.randint(1, 999)}"
            suppliers.append(Supplier(f"s{i}", name, _luhn_siret(rng), f"{dep}200", dep))
    return suppliers


def bench_engine(n_suppliers: int, n_records: int, threshold: float) -> None:
    rng = random.Random(7)
    records = build_records(n_records, rng)
    suppliers = build_suppliers(n_suppliers, records, rng)
    t0, c0 = time.perf_counter(), time.process_time()
    out = match_all(suppliers, records, records, {}, threshold)
    ours, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
    matched = sum(1 for rows in out.values() if rows[0].status != "none")

    # Baseline: no blocking, one extractOne per supplier over all records, on a subsample.
    choices = [match_key(r.name_norm or "") for r in records]
    sub = suppliers[:2000]
    t0, c0 = time.perf_counter(), time.process_time()
    for s in sub:
        process.extractOne(
            match_key(normalize_name(s.name)), choices, scorer=fuzz.ratio, score_cutoff=threshold
        )
    naive = (time.perf_counter() - t0) * n_suppliers / len(sub)
    naive_cpu = (time.process_time() - c0) * n_suppliers / len(sub)
    print(f"engine: {n_suppliers:,} suppliers x {n_records:,} records (name matching included)")
    print("                                         wall s    CPU s")
    print(
        f"  ours (blocked cdist)                 {ours:8.2f} {ours_cpu:8.2f}   {matched:,} matched"
    )
    print(
        f"  baseline (unblocked extractOne)      {naive:8.2f} {naive_cpu:8.2f}   "
        f"extrapolated from {len(sub):,} suppliers"
    )
    print(
        f"  ratio baseline / ours                {naive / ours:8.1f} {naive_cpu / ours_cpu:8.1f} x"
    )


def bench_warehouse(n_lines: int, n_suppliers: int, n_records: int) -> None:
    import pandas as pd

    from pipelines.classify import classify
    from pipelines.marts import refresh_marts
    from pipelines.reference import load_reference
    from pipelines.warehouse import write_transaction
    from pipelines.wiring import ready

    rng = random.Random(11)
    records = build_records(n_records, rng)
    suppliers = build_suppliers(n_suppliers, records, rng)
    with tempfile.TemporaryDirectory(prefix="asr-bench-") as home:
        os.environ["ASR_HOME"] = home
        os.environ.pop("ASR_DATABASE_URL", None)
        settings = ready()  # this benchmark's entry point: settings read, store migrated
        ref = Path(home) / "ref.csv"
        with open(ref, "w", encoding="utf-8", newline="") as handle:
            w = csv.writer(handle, delimiter=";")
            w.writerow(
                ["siret", "siren", "name", "kind", "post_code", "valid_from", "valid_to", "source"]
            )
            for r in records:
                pc = f"{r.department}100" if r.department and len(r.department) == 2 else ""
                w.writerow([r.siret, "", r.name, r.kind, pc, "", "", "bench"])
        t0 = time.perf_counter()
        load_reference([ref], "csv", as_of=dt.date(2024, 1, 1), settings=settings)
        t_ref = time.perf_counter() - t0
        frame = pd.DataFrame(
            {
                "sid": range(len(suppliers)),
                "name": [s.name for s in suppliers],
                "siret": [s.siret for s in suppliers],
                "post_code": [s.post_code for s in suppliers],
            }
        )
        t0 = time.perf_counter()
        with write_transaction(settings) as con:
            con.register("bench_suppliers", frame)
            con.execute(
                "insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no, "
                "invoice_date, supplier_name, siret, post_code, amount_eur) "
                "select 1, i, 'E' || (i % 3), 'F' || i, 1, "
                "date '2023-01-01' + cast(i % 700 as integer), s.name, s.siret, s.post_code, "
                "cast((i % 9973) + 1 as decimal(18, 2)) "
                "from range(?) t(i) join bench_suppliers s on s.sid = i % ?",
                [n_lines, len(suppliers)],
            )
            refresh_marts(con, settings)
        t_build = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        result = classify(settings)
        t_classify, cpu_classify = time.perf_counter() - t0, time.process_time() - c0
    print(f"warehouse: {n_lines:,} lines, {result.suppliers:,} suppliers, {n_records:,} records")
    print(f"  reference load ({n_records:,} records)  {t_ref:8.2f} s")
    print(f"  building the lines + marts (setup)    {t_build:8.2f} s")
    print(
        f"  asr classify (ours, end to end)       {t_classify:8.2f} s  "
        f"(CPU, all threads {cpu_classify:.2f} s)"
    )
    print(
        f"  extrapolated to 10,000,000 lines      {t_classify * 10_000_000 / n_lines:8.2f} s "
        "(linear, an estimate)"
    )
    print("  of which " + ", ".join(f"{k} {v:.2f} s" for k, v in result.phases.items()))
    print(f"  statuses {result.by_status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_500_000)
    parser.add_argument("--suppliers", type=int, default=50_000)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--skip-warehouse", action="store_true")
    args = parser.parse_args()
    bench_engine(args.suppliers, args.records, args.threshold)
    if not args.skip_warehouse:
        bench_warehouse(args.lines, args.suppliers, args.records)


if __name__ == "__main__":
    main()
