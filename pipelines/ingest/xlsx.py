"""Excel workbooks: one sheet converted, in one streaming pass, to a UTF-8 delimited file.

openpyxl's read-only mode streams rows; the header is the row, among the first 10, that names the
most known fields. Dates become ISO dates, numbers keep their exact shortest form (decimal comma).
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pipelines.errors import UserError
from pipelines.ingest.headers import map_headers
from pipelines.ingest.sniff import CHUNK_BYTES, ControlBytes, scan_control_bytes
from pipelines.ingest.tabular import TabularFile, open_delimited
from pipelines.workbooks import check_xlsx

XLSX_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # the 15 significant digits Excel shows (0.1 + 0.2 is 0,3, not 0,30000000000000004,
        # which would count as a rounded amount), in fixed notation (no exponent)
        return format(Decimal(f"{value:.15g}"), "f").replace(".", ",")
    return str(value).replace("\r\n", "\n")


def xlsx_to_csv(
    path: Path,
    target: Path,
    *,
    expected: str,
    sheet: str | None,
    synonyms: dict[str, str] | None,
    header_score: Callable[[list[str]], int] | None = None,
) -> tuple[list[str], int, list[list[str]], bool]:
    """Write the chosen sheet from its header row on; returns (header, header row no, sample,
    whether a cell spans lines)."""
    import openpyxl

    check_xlsx(path)  # before parsing: refuses a zip bomb
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(
            f"{path} : classeur Excel illisible ({exc.__class__.__name__}), attendu {expected} "
            "au format .xlsx.",
            f"{path}: unreadable Excel workbook ({exc.__class__.__name__}), expected {expected} "
            "as .xlsx.",
        ) from None
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise UserError(
                    f"{path} : feuille « {sheet} » introuvable ; feuilles : "
                    f"{', '.join(workbook.sheetnames)}.",
                    f"{path}: no sheet {sheet!r}; sheets: {', '.join(workbook.sheetnames)}.",
                )
            ws = workbook[sheet]
        else:
            ws = workbook.worksheets[0]
        score = header_score or (lambda row: len(map_headers(row, synonyms)))
        rows = ws.iter_rows(values_only=True)
        head: list[list[str]] = []
        for row in rows:
            head.append([_cell_text(v).strip() for v in row])
            if len(head) >= HEADER_SEARCH_ROWS:
                break
        if not any(any(c for c in r) for r in head):
            raise UserError(
                f"{path} : feuille vide, attendu {expected}.",
                f"{path}: empty sheet, expected {expected}.",
            )
        best = max(range(len(head)), key=lambda i: (score(head[i]), -i))
        header = head[best]
        while header and not header[-1]:
            header.pop()
        width = len(header)
        sample: list[list[str]] = []
        multiline = False
        with open(target, "w", encoding="utf-8", newline="", buffering=1 << 20) as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\n")
            writer.writerow(header)
            for r in head[best + 1 :]:
                writer.writerow(r[:width])
                sample.append(r[:width])
                multiline = multiline or any("\n" in c or "\r" in c for c in r[:width])
            for row in rows:
                cells = [_cell_text(v) for v in row[:width]]
                writer.writerow(cells)
                if len(sample) < 2000:
                    sample.append(cells)
                if not multiline and any("\n" in c or "\r" in c for c in cells):
                    multiline = True
        return header, best + 1, sample, multiline
    finally:
        workbook.close()


def _file_controls(path: Path) -> ControlBytes:
    """The control bytes of a converted sheet (a C-speed pass over the written text)."""
    found = ControlBytes()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            found = found | scan_control_bytes(chunk)
    return found


def open_table(
    path: Path,
    workdir: Path,
    *,
    expected: str,
    synonyms: dict[str, str] | None,
    sheet: str | None,
    header_ok: Callable[[list[str]], bool] | None = None,
    header_score: Callable[[list[str]], int] | None = None,
) -> TabularFile:
    """A delimited text file as is, or an Excel sheet converted to one."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        if not path.exists():
            raise UserError(f"{path} : fichier introuvable.", f"{path}: file not found.")
        target = workdir / (path.stem + ".sheet.csv")
        header, header_row, sample, multiline = xlsx_to_csv(
            path,
            target,
            expected=expected,
            sheet=sheet,
            synonyms=synonyms,
            header_score=header_score,
        )
        tab = TabularFile(
            source=path,
            csv_path=target,
            delimiter=";",
            header=header,
            skip=1,
            first_row_no=header_row + 1,
            encoding="xlsx",
            sample_rows=sample,
            size_bytes=target.stat().st_size,
            quoted_newlines=multiline,
            controls=_file_controls(target),
        )
        tab.column_fields = map_headers(header, synonyms)
        return tab
    return open_delimited(path, workdir, expected=expected, synonyms=synonyms, header_ok=header_ok)


def peek_header_tokens(path: Path) -> set[str]:
    """Normalised cells of the first rows of the first sheet; empty if unreadable."""
    import openpyxl

    from pipelines.ingest.headers import normalize_header

    check_xlsx(path)  # before parsing: refuses a zip bomb
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # detection only: the reader reports the real problem
        return set()
    try:
        tokens: set[str] = set()
        for i, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
            tokens.update(normalize_header(v) for v in row if v is not None)
            if i >= HEADER_SEARCH_ROWS:
                break
        return tokens
    finally:
        workbook.close()
