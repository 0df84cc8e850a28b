"""Tabular sources (delimited text, or a sheet converted to it) landed as all-text DuckDB tables.

Every format reads its file the same way: explicit VARCHAR columns ``c0..cN`` through DuckDB's
``read_csv`` into the temporary table ``ingest_raw`` (its rowid is the file order), then a view
``ingest_input`` names the columns after ledger fields. Types are applied afterwards in SQL.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.errors import UserError
from pipelines.ingest.headers import map_headers
from pipelines.ingest.sniff import ControlBytes, TextSniff, rewrite_utf8, sniff_text
from pipelines.textinput import detect_decimal_separator


@dataclass
class TabularFile:
    """A delimited UTF-8 file ready for DuckDB, and what the sniffing found."""

    source: Path  # the user's file
    csv_path: Path  # the file DuckDB reads (the source, or a UTF-8 / converted copy)
    delimiter: str
    header: list[str]
    skip: int  # lines before the first data row in csv_path
    first_row_no: int  # row number (in the user's file) of the first data row
    encoding: str
    sample_rows: list[list[str]] = field(default_factory=list)
    column_fields: dict[int, str] = field(default_factory=dict)  # column index -> field
    size_bytes: int = 0
    #: control bytes of the sniffed sample (of the whole sheet for a converted workbook)
    controls: ControlBytes = field(default_factory=ControlBytes)
    #: a quoted field of the sample spans lines: the file is read by one thread
    quoted_newlines: bool = False

    @property
    def field_columns(self) -> dict[str, int]:
        return {f: i for i, f in self.column_fields.items()}

    @property
    def mapping_display(self) -> dict[str, str]:
        """source column -> field, in file order."""
        return {self.header[i]: f for i, f in sorted(self.column_fields.items())}

    def sample_values(self, field_name: str) -> list[str]:
        idx = self.field_columns.get(field_name)
        if idx is None:
            return []
        return [row[idx] for row in self.sample_rows if idx < len(row)]

    def decimal_separator(self, *fields: str) -> str:
        values: list[str] = []
        for f in fields:
            values.extend(self.sample_values(f))
        return detect_decimal_separator(values)


def open_delimited(
    path: Path,
    workdir: Path,
    *,
    expected: str,
    synonyms: dict[str, str] | None = None,
    header_ok: Callable[[list[str]], bool] | None = None,
    progress: Callable[[int], None] | None = None,
) -> TabularFile:
    """Sniff a delimited file; rewrite it as UTF-8 with LF line ends when it is cp1252 or
    ISO-8859-15, or has CR CR LF line ends."""
    sniff: TextSniff = sniff_text(path, expected=expected, header_ok=header_ok)
    csv_path = path
    if sniff.needs_rewrite:
        csv_path = workdir / (path.stem + ".utf8.csv")
        rewrite_utf8(path, sniff.encoding, csv_path, progress, fix_newlines=sniff.needs_newline_fix)
    tab = TabularFile(
        source=path,
        csv_path=csv_path,
        delimiter=sniff.delimiter,
        header=sniff.header,
        skip=sniff.header_line,
        first_row_no=sniff.header_line + 1,
        encoding=sniff.encoding,
        sample_rows=sniff.sample_rows,
        size_bytes=path.stat().st_size,
        controls=sniff.controls,
        quoted_newlines=sniff.quoted_newlines,
    )
    tab.column_fields = map_headers(tab.header, synonyms)
    return tab


_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
_LINE_SIZE = re.compile(r"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)")


def _source_line(tab: TabularFile, reader_line: int) -> int:
    """The line of the user's file for a line of ``csv_path`` (a sheet converted to text starts
    at its header row; a text file keeps its lines)."""
    if tab.encoding == "xlsx":
        return reader_line + tab.first_row_no - 2
    return reader_line


def text_cleaner(tab: TabularFile | None, whole_file: ControlBytes | None = None) -> str:
    """The cleaner a load's text fields need (land.TEXT_CLEANERS), from the sample and, once the
    hash thread has scanned it, the whole file: DuckDB's parallel reader splits every CR and LF,
    so only tabs (in a file not delimited by them), quoted line breaks, CR CR LF line ends and
    other control bytes can reach a field."""
    if tab is None:
        return "thorough"
    controls = tab.controls
    if whole_file is not None and tab.encoding != "xlsx":  # a workbook's bytes are a zip
        controls = controls | whole_file
    if controls.rare:
        return "thorough"
    if tab.quoted_newlines or controls.cr_runs or (controls.tabs and tab.delimiter != "\t"):
        return "fast"
    return "plain"


def unreadable(tab: TabularFile, expected: str, exc: Exception) -> UserError:
    text = str(exc).strip()
    line = _CSV_LINE.search(text)
    size = _LINE_SIZE.search(text)
    if size is not None:
        where_fr = f", ligne {_source_line(tab, int(line.group(1)))}" if line else ""
        where_en = f", line {_source_line(tab, int(line.group(1)))}" if line else ""
        limit_mb, actual_mb = int(size.group(1)) / 1e6, int(size.group(2)) / 1e6
        return UserError(
            f"{tab.source}{where_fr} : ligne trop longue ({actual_mb:.1f} Mo, au plus "
            f"{limit_mb:.0f} Mo par ligne) ; un guillemet non fermé ou un champ géant ? Rien n'a "
            "été chargé.",
            f"{tab.source}{where_en}: line too long ({actual_mb:.1f} MB, at most "
            f"{limit_mb:.0f} MB per line); an unclosed quote or a giant field? Nothing was loaded.",
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    if line is not None:
        first = f"ligne {_source_line(tab, int(line.group(1)))}"
        return UserError(
            f"{tab.source} : lecture impossible comme {expected} ({first}).",
            f"{tab.source}: cannot be read as {expected} "
            f"(line {_source_line(tab, int(line.group(1)))}).",
        )
    return UserError(
        f"{tab.source} : lecture impossible comme {expected} ({first[:300]}).",
        f"{tab.source}: cannot be read as {expected} ({first[:300]}).",
    )


def read_raw(con: duckdb.DuckDBPyConnection, tab: TabularFile, *, expected: str) -> int:
    """Land every column of ``tab`` as text into temp table ``ingest_raw``; returns its rows."""
    try:
        con.execute(READ_RAW_SQL, _read_params(tab))
    except duckdb.Error as exc:
        raise unreadable(tab, expected, exc) from None
    row = con.execute("select count(*) from ingest_raw").fetchone()
    return int(row[0]) if row else 0


READ_CSV_CALL = """read_csv(
    $path, delim = $delim, header = false, skip = $skip, columns = $columns,
    quote = '"', escape = '"', null_padding = true, strict_mode = false, auto_detect = false,
    encoding = 'utf-8', parallel = $parallel
)"""


READ_RAW_SQL = "create or replace temp table ingest_raw as select * from " + READ_CSV_CALL


def _read_params(tab: TabularFile) -> dict[str, object]:
    return {
        "path": str(tab.csv_path),
        "delim": tab.delimiter,
        "skip": tab.skip,
        # DuckDB's parallel reader refuses quoted line breaks with null_padding
        "parallel": not tab.quoted_newlines,
        "columns": {f"c{i}": "VARCHAR" for i in range(max(len(tab.header), 1))},
    }


def _field_selects(tab: TabularFile, fields: tuple[str, ...]) -> tuple[list[str], str]:
    by_field = tab.field_columns
    selects = []
    for f in fields:
        idx = by_field.get(f)
        selects.append(
            f"c{int(idx)} as {f}" if idx is not None else f"cast(null as varchar) as {f}"
        )
    mapped = [f"c{int(i)}" for i in sorted(by_field.values())] or ["c0"]
    not_blank = "coalesce(" + ", ".join(mapped + ["null"]) + ") is not null"
    return selects, not_blank


def input_select(tab: TabularFile, fields: tuple[str, ...]) -> tuple[str, dict[str, object]]:
    """A select over the file itself (one pass): one text column per field, in file order.

    ``source_row`` is null: land_lines numbers the rows from their insertion order (a window
    ``row_number() over ()`` would make the whole read single-threaded). All-empty rows are kept
    (typed_lines marks them) so that the numbering counts them. Column names are generated
    (``cN``) and fields come from a fixed list: no user text goes into the SQL.
    """
    selects, _ = _field_selects(tab, fields)
    columns = ", ".join(selects)
    sql = f"select cast(null as bigint) as source_row, {columns} from {READ_CSV_CALL}"
    return sql, _read_params(tab)


def create_input_view(
    con: duckdb.DuckDBPyConnection, tab: TabularFile, fields: tuple[str, ...]
) -> None:
    """View ``ingest_source`` over ``ingest_raw``: source_row + one text column per field.

    Column names are generated (``cN``) and fields come from a fixed list: no user text in SQL.
    """
    selects, not_blank = _field_selects(tab, fields)
    selects.insert(0, f"rowid + {int(tab.first_row_no)} as source_row")
    con.execute(
        "create or replace temp view ingest_source as select "
        + ", ".join(selects)
        + " from ingest_raw where "
        + not_blank
    )


def drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in (
        "drop view if exists ingest_source",
        "drop table if exists ingest_raw",
        "drop table if exists ingest_typed",
    ):
        with contextlib.suppress(duckdb.Error):
            con.execute(stmt)
