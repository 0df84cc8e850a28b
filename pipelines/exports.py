"""Streamed CSV and XLSX downloads of large selections (the Explorer's lines). No Streamlit.

Rows arrive as pyarrow record batches straight from DuckDB (``to_arrow_reader``) and leave
one batch at a time: memory stays bounded whatever the line count, and no pandas frame of the
whole selection is ever built. Every text cell goes through the formula rule of
:mod:`pipelines.safe_output`; numbers stay numbers.

* CSV: French by default (``;``, decimal comma, UTF-8 with BOM so that Excel reads accents),
  English with ``,`` and a decimal point. Written by pyarrow's CSV writer.
* XLSX: a write-only workbook (xlsxwriter ``constant_memory``: each row is flushed to disk as
  written). A sheet holds at most :data:`XLSX_MAX_ROWS` lines below its header; a larger
  selection is cut there and says so (a « Note » sheet), the CSV has no limit.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from pipelines.safe_output import XLSXWRITER_OPTIONS, neutralise, neutralise_arrow

#: Excel's 1,048,576 rows per sheet, less the header row.
XLSX_MAX_ROWS = 1_048_575


@dataclass(frozen=True)
class Written:
    rows: int  # lines written
    truncated: bool = False  # True when the XLSX sheet limit cut the selection


def _labelled(array: Any, labels: Mapping[str, str]) -> Any:
    """Codes replaced by their label (unknown codes kept as they are)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = pa.array(list(labels), pa.string())
    names = pa.array(list(labels.values()), pa.string())
    index = pc.index_in(pc.cast(array, pa.string()), value_set=codes)
    return pc.coalesce(pc.take(names, index), pc.cast(array, pa.string()))


def prepare_batch(
    batch: Any,
    headers: Sequence[str],
    *,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    decimal_comma: bool = False,
) -> Any:
    """One record batch as written: codes labelled, text neutralised, columns named ``headers``
    (neutralised too), and with ``decimal_comma`` decimals as text with a comma (French CSV)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for name, array in zip(batch.schema.names, batch.columns, strict=True):
        if value_labels and name in value_labels:
            array = _labelled(array, value_labels[name])
        array = neutralise_arrow(array)
        if decimal_comma and (pa.types.is_decimal(array.type) or pa.types.is_floating(array.type)):
            array = pc.replace_substring(pc.cast(array, pa.string()), ".", ",")
        columns.append(array)
    return pa.RecordBatch.from_arrays(columns, names=[str(neutralise(h)) for h in headers])


def write_csv(
    reader: Any,
    out: BinaryIO,
    headers: Sequence[str],
    *,
    lang: str = "fr",
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Written:
    """Every batch of ``reader`` (a ``pyarrow.RecordBatchReader``) as CSV into ``out``."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    french = lang != "en"
    if french:
        out.write(codecs.BOM_UTF8)
    empty = pa.RecordBatch.from_pylist([], schema=reader.schema)
    schema = prepare_batch(empty, headers, value_labels=value_labels, decimal_comma=french).schema
    options = pacsv.WriteOptions(delimiter=";" if french else ",")
    sink = pa.PythonFile(out, mode="w")
    rows = 0
    with pacsv.CSVWriter(sink, schema, write_options=options) as writer:
        for batch in reader:
            writer.write_batch(
                prepare_batch(batch, headers, value_labels=value_labels, decimal_comma=french)
            )
            rows += batch.num_rows
    return Written(rows)


def write_xlsx(
    reader: Any,
    out: BinaryIO,
    headers: Sequence[str],
    *,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    sheet: str = "ASR",
    truncated_note: str = "",
    max_rows: int = XLSX_MAX_ROWS,
) -> Written:
    """Every batch of ``reader`` into a write-only XLSX workbook, up to ``max_rows`` lines;
    beyond that the rest is left out and ``truncated_note`` is written on a « Note » sheet."""
    import datetime as dt

    import xlsxwriter

    options = {**XLSXWRITER_OPTIONS, "constant_memory": True}
    book = xlsxwriter.Workbook(out, options)
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    money_format = book.add_format({"num_format": "#,##0.00"})
    ws = book.add_worksheet(sheet[:31])
    for col, head in enumerate(headers):
        ws.write_string(0, col, str(neutralise(head)), bold)
        ws.set_column(col, col, max(10, min(40, len(str(head)) + 4)))
    row = 0
    truncated = False
    for batch in _batches(reader):
        batch = prepare_batch(batch, headers, value_labels=value_labels)
        kinds = [_cell_kind(t) for t in batch.schema.types]
        columns = [c.to_pylist() for c in batch.columns]
        for values in zip(*columns, strict=True):
            if row >= max_rows:
                truncated = True
                break
            row += 1
            for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                if value is None:
                    continue
                if kind == "text":
                    ws.write_string(row, col, value)
                elif kind == "date":
                    if not isinstance(value, dt.datetime):
                        value = dt.datetime.combine(value, dt.time())
                    ws.write_datetime(row, col, value.replace(tzinfo=None), date_format)
                elif kind == "money":
                    ws.write_number(row, col, float(value), money_format)
                else:
                    ws.write_number(row, col, value)
        if truncated:
            break
    if truncated:
        note = book.add_worksheet("Note")
        note.write_string(0, 0, truncated_note or f"{max_rows} lines at most per sheet.")
    book.close()
    return Written(row, truncated)


def _batches(reader: Any) -> Iterable[Any]:
    yield from reader


def _cell_kind(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_date(arrow_type) or pa.types.is_timestamp(arrow_type):
        return "date"
    if pa.types.is_decimal(arrow_type):
        return "money"
    if pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type):
        return "number"
    return "text"
