"""Ledger ingestion: real exports in, typed lines out, nothing lost, nothing counted twice.

:func:`ingest_files` loads each file in its own :func:`~pipelines.warehouse.write_transaction`
(the published warehouse changes only when the whole file is in), records it in ``loads``, puts
unreadable rows in ``quarantine`` and rebuilds the marts. Rules: DOMAIN.md sections 4-5.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.base import IngestOptions, Prepared
from pipelines.ingest.detect import FORMATS, detect_format
from pipelines.ingest.headers import load_mapping
from pipelines.ingest.land import (
    FX_MISSING_REASON,
    TEXT_CLEANERS,
    define_macros,
    define_text_cleaner,
    log,
    timed,
)
from pipelines.ingest.progress import LoadProgress
from pipelines.ingest.result import LoadResult
from pipelines.ingest.sniff import ControlBytes, scan_control_bytes
from pipelines.ingest.tabular import text_cleaner
from pipelines.settings import Settings
from pipelines.warehouse.temporaries import ingest_prefix

__all__ = ["FORMATS", "LoadResult", "ingest_files", "list_loads", "list_quarantine"]


class _DryRun(Exception):
    """Raised inside the write transaction so that nothing is published."""


class _CleanerTooWeak(Exception):
    """The whole file holds control bytes its sample did not show: the load is rolled back and
    run again with the cleaner they need (rare: the sample is the first megabyte)."""

    def __init__(self, level: str) -> None:
        super().__init__(level)
        self.level = level


def load_memory_mb(settings: Settings, size_bytes: int) -> int:
    """DuckDB's memory for a load: 3/4 of the file's size, at least 512 MB, at most the setting.

    Keeping the rows in file order (their numbers come from it) makes the insert hold several
    batches at once: the insert alone of a 10 M-line file (1.4 GB) took 14 s with 1 GB against
    18-23 s with 512 MB (full loads on the shared machine were too noisy to show it). Three
    quarters of the file keeps the process's peak below the file's size for large files
    (measured: 1.14-1.19 GB peak for a 1.36 GB file).
    """
    wanted = max(512, (size_bytes * 3 // 4) >> 20)
    return max(min(int(settings.ingest_memory_mb), wanted), 64)


def _limit_memory(con: duckdb.DuckDBPyConnection, settings: Settings, size_bytes: int) -> None:
    """Cap DuckDB's memory for the load (it spills to a temporary folder beyond)."""
    limit = load_memory_mb(settings, size_bytes)
    # SET takes no bound parameter; the value is an integer we formatted ourselves
    con.execute(f"set memory_limit = '{limit}MB'")
    con.execute(f"set temp_directory = '{_sql_text(settings.home / '.duckdb-tmp')}'")


def _sql_text(value: object) -> str:
    return str(value).replace("'", "''")


def file_sha256(path: Path) -> str:
    return file_digest(path)[0]


def file_digest(path: Path) -> tuple[str, ControlBytes]:
    """Content hash and control bytes of the whole file, in one read (a thread, during the load)."""
    digest = hashlib.sha256()
    controls = ControlBytes()
    with open(path, "rb") as handle:
        while chunk := handle.read(8 << 20):
            digest.update(chunk)
            controls = controls | scan_control_bytes(chunk)
    return digest.hexdigest(), controls


def rounded_warning(count: int, settings: Settings) -> str:
    """The load report's sentence about amounts rounded to the cent (DOMAIN.md section 4)."""
    if settings.lang == "en":
        return (
            f"{count} amount(s) with more than two decimals rounded half-up to the cent "
            "(0.125 -> 0.13)"
        )
    return (
        f"{count} montant(s) à plus de deux décimales arrondi(s) au centime le plus proche "
        "(0,125 -> 0,13)"
    )


def _prepare(path: Path, fmt: str, workdir: Path, options: IngestOptions) -> Prepared:
    if fmt in ("csv", "xlsx"):
        from pipelines.ingest.ledger import LedgerFile

        return LedgerFile(path, workdir, options, fmt)
    if fmt == "fec":
        from pipelines.ingest.fec import FecFile

        return FecFile(path, workdir, options)
    if fmt == "lemarche":
        from pipelines.ingest.lemarche import LeMarcheFile

        return LeMarcheFile(path, workdir, options)
    if fmt == "decp":
        from pipelines.ingest.decp import DecpFile

        return DecpFile(path, workdir, options)
    raise UserError(
        f"--format « {fmt} » inconnu ; valeurs possibles : auto, {', '.join(FORMATS)}.",
        f"--format {fmt!r} unknown; expected auto, {', '.join(FORMATS)}.",
    )


def _options_key(fmt: str, options: IngestOptions, mapping: Path | None) -> str:
    key = {
        "format": fmt,
        "entity": options.entity,
        "year": options.year,
        "sheet": options.sheet,
        "mapping": file_sha256(mapping) if mapping else None,
        "suppliers": file_sha256(options.suppliers) if options.suppliers else None,
    }
    return json.dumps(key, sort_keys=True)


def _may_be_unchanged(con: duckdb.DuckDBPyConnection, size: int, options_key: str) -> bool:
    """Whether an earlier load with these options could have had this very content.

    Loads record their file size; one of another size cannot be the same file, so the content
    hash of a new file is only needed for the record and is computed while the file loads.
    """
    row = con.execute(
        "select count(*) from loads where status = 'loaded' "
        "and json_extract_string(details, '$.options_key') = ? "
        "and coalesce(try_cast(json_extract_string(details, '$.size') as bigint), ?) = ?",
        [options_key, size, size],
    ).fetchone()
    return bool(row and row[0])


def _unchanged_load(
    con: duckdb.DuckDBPyConnection, sha: str, options_key: str, target: str
) -> int | None:
    """The earlier load of this very content and options whose rows are all still there, and
    none of whose rows waits for an exchange rate (loading the file again may convert them)."""
    row = con.execute(
        "select load_id, rows_loaded from loads where sha256 = ? and status = 'loaded' "
        "and json_extract_string(details, '$.options_key') = ? order by load_id desc limit 1",
        [sha, options_key],
    ).fetchone()
    if row is None:
        return None
    load_id, rows_loaded = int(row[0]), int(row[1])
    waiting = con.execute(
        "select count(*) from quarantine where load_id = ? and reason = ?",
        [load_id, FX_MISSING_REASON],
    ).fetchone()
    if waiting and int(waiting[0]):
        return None
    # a DECP contract holds one or more rows of its file (source_rows: one per holder in a CSV)
    sql = (
        "select coalesce(sum(coalesce(source_rows, 1)), 0) from decp_contracts where load_id = ?"
        if target == "decp"
        else "select count(*) from raw_ledger_lines where load_id = ?"
    )
    present = con.execute(sql, [load_id]).fetchone()
    return load_id if present and int(present[0]) == rows_loaded else None


def ingest_file(
    path: Path,
    *,
    fmt: str = "auto",
    options: IngestOptions,
    mapping: Path | None = None,
    dry_run: bool = False,
    settings: Settings,
) -> LoadResult:
    from pipelines.marts import refresh_marts
    from pipelines.warehouse import write_transaction

    started = time.perf_counter()
    # the lines get their period date as they are inserted (land_lines)
    options = dataclasses.replace(options, period_date=settings.period_date)
    path = Path(path)
    resolved = detect_format(path, fmt)
    settings.home.mkdir(parents=True, exist_ok=True)
    # the content hash reads the whole file: a thread computes it while the file is prepared
    # and loaded (hashlib releases the GIL); it is waited for first only when an earlier load
    # could be the same file (_may_be_unchanged)
    with (
        ThreadPoolExecutor(max_workers=1) as hasher,
        tempfile.TemporaryDirectory(prefix=ingest_prefix(), dir=settings.home) as tmp,
    ):
        sha_future: Future[tuple[str, ControlBytes]] = hasher.submit(file_digest, path)
        prepared = _prepare(path, resolved, Path(tmp), options)  # UserError if unreadable
        size = path.stat().st_size
        options_key = _options_key(resolved, options, mapping)
        result = LoadResult(
            load_id=None,
            file=path,
            sha256="",
            format=resolved,
            entity=prepared.entity,
            column_mapping=prepared.column_mapping,
            dry_run=dry_run,
            encoding=prepared.encoding,
            delimiter=prepared.delimiter,
            decimal_separator=prepared.decimal_separator,
            warnings=list(prepared.warnings),
        )
        details = {
            "options_key": options_key,
            "size": size,
            "column_mapping": prepared.column_mapping,
            "encoding": prepared.encoding,
            "delimiter": prepared.delimiter,
            "decimal_separator": prepared.decimal_separator,
        }
        tab = getattr(prepared, "tab", None)
        cleaner = text_cleaner(tab)
        while True:
            result.warnings = list(prepared.warnings)
            details.pop("rounded_amounts", None)
            commit_started = time.perf_counter()
            try:
                with write_transaction(settings) as con:
                    define_macros(con)
                    define_text_cleaner(con, cleaner)
                    _limit_memory(con, settings, size)
                    previous = None
                    if _may_be_unchanged(con, size, options_key):
                        with timed("sha256"):
                            result.sha256 = sha_future.result()[0]
                        previous = _unchanged_load(con, result.sha256, options_key, prepared.target)
                    row = con.execute("select nextval('load_id_seq')").fetchone()
                    assert row is not None
                    load_id = int(row[0])
                    result.load_id = load_id
                    con.execute(
                        "insert into loads (load_id, file, sha256, format, entity, loaded_by, "
                        "details, status) values (?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            load_id,
                            str(path),
                            result.sha256,
                            resolved,
                            prepared.entity,
                            settings.user,
                            json.dumps(details, ensure_ascii=False),
                            "unchanged" if previous else "loaded",
                        ],
                    )
                    if previous is not None:
                        result.status = "unchanged"
                        note = f"contenu identique au chargement {previous} : rien à faire"
                        result.warnings.append(note)
                        con.execute("update loads set note = ? where load_id = ?", [note, load_id])
                    else:
                        with LoadProgress(
                            con,
                            f"{path.name}",
                            prepared.estimated_rows,
                            enabled=not options.quiet,
                        ):
                            counts = prepared.land(con, load_id, str(path))
                        result.rows_read = counts.rows_read
                        result.rows_loaded = counts.rows_loaded
                        result.rows_quarantined = counts.rows_quarantined
                        result.rows_replaced = counts.rows_replaced
                        result.amount_eur = counts.amount_eur
                        result.contracts_loaded = counts.contracts_loaded
                        result.details = dict(counts.details)
                        result.warnings.extend(counts.warnings)
                        details.update(counts.details)
                        result.rounded_amounts = counts.rounded_amounts
                        if counts.rounded_amounts:
                            rounded = counts.rounded_amounts
                            result.warnings.append(rounded_warning(rounded, settings))
                            details["rounded_amounts"] = rounded
                        if result.entity is None and prepared.target == "lines":
                            ents = con.execute(
                                "select distinct entity from raw_ledger_lines where load_id = ? "
                                "limit 2",
                                [load_id],
                            ).fetchall()
                            if len(ents) == 1:
                                result.entity = ents[0][0]
                        with timed("sha256 (overlapped, wait)"):
                            result.sha256, whole_file = sha_future.result()
                        needed = text_cleaner(tab, whole_file)
                        if TEXT_CLEANERS.index(needed) > TEXT_CLEANERS.index(cleaner):
                            raise _CleanerTooWeak(needed)
                        con.execute(
                            "update loads set sha256 = ?, rows_read = ?, rows_loaded = ?, "
                            "rows_quarantined = ?, rows_replaced = ?, entity = ?, note = ?, "
                            "details = ? where load_id = ?",
                            [
                                result.sha256,
                                result.rows_read,
                                result.rows_loaded,
                                result.rows_quarantined,
                                result.rows_replaced,
                                result.entity,
                                "; ".join(result.warnings) or None,
                                json.dumps(details, ensure_ascii=False, default=str),
                                load_id,
                            ],
                        )
                        if dry_run:
                            raise _DryRun
                        with timed("refresh_marts"):
                            refresh_marts(con, settings, load_id=load_id)
                        commit_started = time.perf_counter()
                    if dry_run:
                        raise _DryRun
                log.debug("%-28s %.3f s", "publish", time.perf_counter() - commit_started)
            except _DryRun:
                result.status = "dry-run"
            except _CleanerTooWeak as weak:
                log.debug("text cleaner %s -> %s: loading again", cleaner, weak.level)
                cleaner = weak.level
                continue
            break
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def ingest_files(
    paths: list[Path],
    *,
    entity: str | None = None,
    fmt: str = "auto",
    mapping: Path | None = None,
    suppliers: Path | None = None,
    year: int | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    quiet: bool = True,
    settings: Settings,
) -> list[LoadResult]:
    """Load each file in its own transaction; raises UserError on the first unreadable file."""
    options = IngestOptions(
        entity=entity.strip() if entity and entity.strip() else None,
        synonyms=load_mapping(mapping),
        suppliers=Path(suppliers) if suppliers else None,
        year=year,
        sheet=sheet,
        quiet=quiet,
        opening_journals=settings.fec_opening_journals,
    )
    return [
        ingest_file(
            Path(p), fmt=fmt, options=options, mapping=mapping, dry_run=dry_run, settings=settings
        )
        for p in paths
    ]


def list_loads(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    from pipelines.ingest.land import ingest_sql

    cur = con.execute(ingest_sql("loads_list"))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for row in rows:
        row["details"] = json.loads(row["details"]) if row.get("details") else {}
    return rows


def list_quarantine(
    con: duckdb.DuckDBPyConnection, load_id: int | None = None
) -> list[dict[str, object]]:
    from pipelines.ingest.land import ingest_sql

    cur = con.execute(ingest_sql("quarantine_list"), {"load_id": load_id})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
