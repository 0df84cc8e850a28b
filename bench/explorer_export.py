"""Explorer download speed: every selected line to CSV (and XLSX), against bare DuckDB, same run.

Builds (once) a warehouse of ``--lines`` generated ledger lines under bench/out/explorer_export/
(three entities, six suppliers of which some inclusive, one with a formula-looking name), then
times, on the same read-only connection and the same selection (one year, every line):

* ours, CSV   — :func:`pipelines.queries.explorer.export_lines` streamed through
  :func:`dashboard.downloads.lines_csv` (Arrow batches from DuckDB, status labels, formula
  neutralisation, French decimal comma, on-screen headers), what the download button runs;
* baseline    — DuckDB alone: ``COPY (the same export query) TO 'file.csv'`` with the same
  delimiter, no labels and no neutralisation (the fastest a CSV of these rows can be written);
* ours, XLSX  — :func:`dashboard.downloads.lines_xlsx` (write-only workbook) on ``--xlsx-lines``
  lines at most (default 100 000: an XLSX of a million lines takes minutes in any Python writer),
  reported per line.

It prints each time, lines per second and the ratio ours / baseline (> 1: ours is slower).

    uv run python bench/explorer_export.py [--lines 1000000] [--xlsx-lines 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "explorer_export"
sys.path.insert(0, str(ROOT))

SUPPLIERS = [
    # siret, name, kind, family, status
    ("11111111111111", "ATELIER ADAPTE", "EA", "handicap", "certain"),
    ("22222222222222", "INSERTION PLUS", "EI", "insertion", "certain"),
    ("33333333333333", "ESAT DES LILAS", "ESAT", "handicap", "probable"),
    ("55555555555555", "GRANDS BUREAUX", None, None, None),
    ("66666666666666", '=HYPERLINK("http://x","y")', None, None, None),
    ("77777777777777", "TRAVAUX DU NORD", None, None, None),
]


def build(lines: int) -> Path:
    """A warehouse of ``lines`` lines dated in 2025 (built once per size)."""
    home = OUT / f"home_{lines}"
    if (home / "built.ok").exists():
        return home
    home.mkdir(parents=True, exist_ok=True)
    os.environ["ASR_HOME"] = str(home)
    from pipelines.marts import refresh_marts
    from pipelines.settings import load_settings
    from pipelines.warehouse import write_transaction

    settings = load_settings()
    t0 = time.perf_counter()
    with write_transaction(settings) as con:
        con.execute(
            "create temp table sup as select * from (values "
            + ", ".join(f"({i}, '{s}', $${n}$$)" for i, (s, n, *_rest) in enumerate(SUPPLIERS))
            + ") as t(i, siret, name)"
        )
        con.execute(
            """
            insert into raw_ledger_lines (load_id, source_row, entity, invoice_id, line_no,
                invoice_date, supplier_name, siret, post_code, buyer, account, category, naf,
                amount_eur)
            select 1, r + 2, 'ENT' || (r % 3), 'F' || (r // 4), r % 4 + 1,
                date '2025-01-01' + cast(r % 365 as integer), sup.name, sup.siret, '75011',
                'B' || (r % 40), '6' || (100 + r % 900), 'Catégorie ' || (r % 25), '8121Z',
                cast(((r * 7919) % 500000) / 100.0 - 100 as decimal(18, 2))
            from range($n) as g(r)
            join sup on sup.i = r % $k
            """,
            {"n": lines, "k": len(SUPPLIERS)},
        )
        for siret, _, kind, family, status in SUPPLIERS:
            if kind:
                con.execute(
                    "insert into supplier_matches (supplier_key, precedence, rule, status, kind,"
                    " family, record_id, source, score) values (?, 2, 'siret', ?, ?, ?, 1,"
                    " 'bench', 100)",
                    [siret, status, kind, family],
                )
        refresh_marts(con, settings)
    (home / "built.ok").write_text("ok")
    print(f"  warehouse of {lines:,} lines built in {time.perf_counter() - t0:.0f} s")
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--xlsx-lines", type=int, default=100_000)
    args = parser.parse_args()
    home = build(args.lines)
    os.environ["ASR_HOME"] = str(home)

    from dashboard.downloads import lines_csv, lines_xlsx
    from pipelines.queries.explorer import Filters, _drill_params, _sql, count_lines, export_lines
    from pipelines.queries.periods import Period
    from pipelines.scope import Scope
    from pipelines.settings import load_settings
    from pipelines.warehouse import connect_read

    settings = load_settings()
    con = connect_read(settings)
    period, scope, filters = Period.year(2025), Scope.everything(), Filters()
    total = count_lines(con, period, scope, filters)
    print(f"Selection: {total:,} lines (one year, every line)")

    def ours_csv() -> int:
        out, written = lines_csv(export_lines(con, period, scope, filters), "fr")
        out.close()
        return written.rows

    def baseline_csv() -> int:
        # The same query, every parameter inlined as a literal (COPY takes no bound parameters).
        params = _drill_params(period, scope, filters, ())
        sql = _sql("explore_export")
        for name, value in sorted(params.items(), key=lambda kv: -len(kv[0])):
            literal = (
                "null"
                if value is None
                else f"date '{value}'"
                if isinstance(value, dt.date)
                else f"'{value}'"
            )
            sql = sql.replace(f"${name}", literal)
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "baseline.csv"
            con.execute(f"copy ({sql}) to '{target}' (header, delimiter ';')")
            return sum(1 for _ in target.open("rb")) - 1

    results = []
    for name, fn in (("baseline: DuckDB COPY TO csv", baseline_csv), ("ours: CSV", ours_csv)):
        t0 = time.perf_counter()
        rows = fn()
        seconds = time.perf_counter() - t0
        assert rows == total, (name, rows, total)
        results.append(seconds)
        print(f"  {name:<32} {rows:>10,} lines  {seconds:7.2f} s  {rows / seconds:>12,.0f} lines/s")
    print(f"Ratio ours / baseline (CSV): {results[1] / results[0]:.2f}")

    if args.xlsx_lines:
        limited = Filters()
        n = min(args.xlsx_lines, total)
        t0 = time.perf_counter()
        reader = export_lines(con, period, scope, limited)
        out, written = lines_xlsx(_first(reader, n), "fr", total)
        size = len(out.read())
        seconds = time.perf_counter() - t0
        print(
            f"  ours: XLSX (write-only)          {written.rows:>10,} lines  {seconds:7.2f} s  "
            f"{written.rows / seconds:>12,.0f} lines/s  ({size / 1e6:.1f} MB)"
        )
        print(f"  XLSX per line vs CSV per line: {(seconds / n) / (results[1] / total):.1f}×")
    con.close()


def _first(reader, n: int):
    """The first ``n`` rows of a RecordBatchReader, as a reader."""
    import pyarrow as pa

    def batches():
        left = n
        for batch in reader:
            if left <= 0:
                break
            yield batch.slice(0, left)
            left -= batch.num_rows

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


if __name__ == "__main__":
    main()
