"""Hostile files: a workbook that inflates far beyond its size is refused before it is parsed,
and what a writer killed mid-load left behind is removed by the next writer."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from pipelines.errors import UserError
from pipelines.ingest import ingest_files
from pipelines.settings import Settings
from pipelines.warehouse import connect_read, ensure_warehouse
from pipelines.workbooks import XlsxLimits, check_xlsx

from .conftest import FIXTURES, totals

PADDING_MB = 40  # of blanks inside the sheet XML: ~40 KB once compressed


def bomb(path: Path, padding_mb: int = PADDING_MB) -> Path:
    """A real workbook (one header row, one line) whose sheet XML is padded with blanks: small
    on disk, ``padding_mb`` MB once inflated. Written in chunks: the test never holds it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["entity", "invoice_id", "invoice_date", "supplier_name", "siret", "amount_eur"])
    sheet.append(["ACME", "F1", "2024-01-15", "ATELIER", "80746931700018", 10.5])
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, body)
                continue
            head, tail = body.split(b"<sheetData>", 1)
            with dst.open(info.filename, "w", force_zip64=True) as out:
                out.write(head + b"<sheetData>")
                chunk = b" " * (1 << 20)
                for _ in range(padding_mb):
                    out.write(chunk)
                out.write(tail)
    return path


def _ingest(path: Path, settings: Settings) -> object:
    return ingest_files([path], settings=settings)


def _ingest_as_xlsx(path: Path, settings: Settings) -> object:
    return ingest_files([path], fmt="xlsx", settings=settings)


def _objectives(path: Path, settings: Settings) -> object:
    from pipelines.objectives.tabular import read_table

    return read_table(path, ["objective_id"])


def _esus(path: Path, settings: Settings) -> object:
    from pipelines.reference.loaders import esus

    return esus.read(path)


def _contracts(path: Path, settings: Settings) -> object:
    from pipelines.reports.contracts import read_rows

    return read_rows(path)


@pytest.mark.parametrize("reader", [_ingest, _ingest_as_xlsx, _objectives, _esus, _contracts])
def test_zip_bomb_is_refused_before_parsing_by_every_xlsx_reader(
    settings: Settings, tmp_path: Path, reader: Callable[[Path, Settings], object]
) -> None:
    path = bomb(tmp_path / "achats_2024.xlsx")
    assert path.stat().st_size < 1 << 20  # small on disk
    ensure_warehouse(settings)
    before = totals(settings)
    with pytest.raises(UserError) as err:
        reader(path, settings)
    assert str(path) in err.value.fr and str(path) in err.value.en
    assert "ASR_XLSX_MAX_RATIO" in err.value.fr
    assert totals(settings) == before  # nothing loaded, nothing changed


def test_total_size_limit_is_a_setting(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bomb(tmp_path / "gros.xlsx", padding_mb=3)
    monkeypatch.setenv("ASR_XLSX_MAX_RATIO", "100000")
    check_xlsx(path)  # 3 MB: within the default 500 MB
    monkeypatch.setenv("ASR_XLSX_MAX_UNCOMPRESSED_MB", "2")
    with pytest.raises(UserError) as err:
        check_xlsx(path)
    assert "ASR_XLSX_MAX_UNCOMPRESSED_MB" in err.value.en and "gros.xlsx" in err.value.en


@pytest.mark.parametrize(
    ("padding_mb", "limits", "refused"),
    [
        (0, XlsxLimits(), False),  # an ordinary small workbook
        (0, XlsxLimits(max_ratio=2), False),  # parts up to 1 MB are never refused for ratio
        (3, XlsxLimits(max_ratio=100), True),
        (3, XlsxLimits(max_ratio=10**6), False),
        (3, XlsxLimits(max_uncompressed_mb=2, max_ratio=10**6), True),
    ],
)
def test_limits(tmp_path: Path, padding_mb: int, limits: XlsxLimits, refused: bool) -> None:
    path = bomb(tmp_path / "w.xlsx", padding_mb=padding_mb)
    if refused:
        with pytest.raises(UserError):
            check_xlsx(path, limits)
    else:
        check_xlsx(path, limits)


def test_a_real_workbook_still_loads(settings: Settings, tmp_path: Path) -> None:
    path = bomb(tmp_path / "petit.xlsx", padding_mb=0)
    [result] = ingest_files([path], settings=settings)
    assert result.rows_loaded == 1


# -- temporary files of an interrupted load -------------------------------------------------------
def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_next_writer_removes_what_a_killed_writer_left(settings: Settings) -> None:
    warehouse = ensure_warehouse(settings)
    home = settings.home
    dead = _dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        stale = [
            home / f".{warehouse.name}.{dead}.tmp",
            home / f".{warehouse.name}.{dead}.tmp.wal",
            home / f".ingest-{dead}-k2x9",
        ]
        kept = [
            home / f".{warehouse.name}.{live.pid}.tmp",
            home / f".ingest-{live.pid}-a1b2",
            home / ".ingest-legacy",  # no owner recorded: left alone
        ]
        for path in stale + kept:
            if "ingest" in path.name:
                path.mkdir()
                (path / "part.csv").write_bytes(b"x" * 1000)
            else:
                path.write_bytes(b"\0" * 4096)
        spill = home / ".duckdb-tmp"
        spill.mkdir(exist_ok=True)
        (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 4096)

        [result] = ingest_files([FIXTURES / "canonical.csv"], settings=settings)
        assert result.rows_loaded > 0

        assert [p for p in stale if p.exists()] == []
        assert [p for p in kept if not p.exists()] == []
        assert not (spill / "duckdb_temp_storage-0.tmp").exists()
        # the load's own work folder is gone too, and the warehouse is readable
        assert not list(home.glob(f".ingest-{os.getpid()}-*"))
        connect_read(settings).close()
    finally:
        live.kill()
        live.wait()
