"""Official directories of inclusive suppliers, loaded as dated snapshots (DOMAIN.md §2, §3, §6).

``load_reference(paths, source)`` writes ``reference_loads`` and ``reference_records`` in one
write transaction per file, then refreshes the marts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.reference.loaders import Parsed
from pipelines.reference.snapshot import (
    RefLoadResult,
    already_loaded,
    stage_records,
    write_snapshot,
)
from pipelines.settings import Settings

__all__ = ["SOURCES", "RefLoadResult", "load_reference", "file_sha256"]

Reader = Callable[[Path], Parsed]


_MODULES = {
    "csv": "canonical",
    "lemarche": "lemarche",
    "emplois": "emplois",
    "ea": "ea",
    "finess": "finess",
    "esus": "esus",
}


def _reader(source: str) -> Reader:
    import importlib

    module = importlib.import_module(f"pipelines.reference.loaders.{_MODULES[source]}")
    reader: Reader = module.read
    return reader


#: Every source name accepted by ``asr reference load --source``.
SOURCES: tuple[str, ...] = ("csv", "lemarche", "emplois", "ea", "finess", "esus", "sirene")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stage_filler(
    source: str, path: Path
) -> tuple[Callable[[duckdb.DuckDBPyConnection], None], int, dt.date | None]:
    """How to fill the staging table, rows skipped, and the snapshot date the file states."""
    if source == "sirene":
        from pipelines.reference.loaders.sirene import stage as sirene_stage

        return (lambda con: sirene_stage(con, path)), 0, None
    parsed = _reader(source)(path)
    return (lambda con: stage_records(con, parsed.records)), parsed.rows_skipped, parsed.as_of


def load_reference(
    paths: list[Path],
    source: str,
    *,
    as_of: dt.date | None = None,
    settings: Settings,
) -> list[RefLoadResult]:
    """Load each file as a snapshot of ``source`` (one write transaction per file).

    ``as_of`` is the snapshot date (default: the date the file states, else today); records a
    newer snapshot no longer lists are closed at that date. The same file loaded twice for the
    same source changes nothing.
    """
    from pipelines.marts import refresh_marts
    from pipelines.warehouse import write_transaction

    if source not in SOURCES:
        raise UserError(
            f"source « {source} » inconnue ; valeurs possibles : {', '.join(SOURCES)}.",
            f"unknown source {source!r}; expected one of {', '.join(SOURCES)}.",
        )
    results = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.")
        sha = file_sha256(path)
        # Parse before taking the writer lock.
        fill, skipped_rows, file_date = _stage_filler(source, path)
        snapshot_date = as_of or file_date or dt.date.today()
        with write_transaction(settings) as con:
            previous = already_loaded(con, source, sha)
            if previous is not None:
                results.append(
                    RefLoadResult(
                        file=path.name,
                        source=source,
                        sha256=sha,
                        as_of=snapshot_date,
                        ref_load_id=previous,
                        rows_loaded=0,
                        rows_flagged=0,
                        rows_closed=0,
                        skipped=True,
                    )
                )
                continue
            result = write_snapshot(
                con,
                source=source,
                file=path.name,
                sha256=sha,
                as_of=snapshot_date,
                loaded_by=settings.user,
                fill_stage=fill,
                rows_skipped=skipped_rows,
            )
            refresh_marts(con, settings)
            results.append(result)
    return results
