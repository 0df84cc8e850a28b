"""CSV (French Excel-friendly: ``;`` and decimal comma) and XLSX bytes of a table. No Streamlit.

Text a spreadsheet would run is neutralised first (pipelines/safe_output.py); numbers stay numbers.
Small tables (the grouped totals, at most MAX_ROWS rows) go through pandas; the Explorer's lines
are streamed from DuckDB by :mod:`pipelines.exports`, every selected line, never one page.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from pipelines.exports import XLSX_MAX_ROWS, Written, write_csv, write_xlsx
from pipelines.i18n import t
from pipelines.queries.explorer import LINE_COLUMNS, STATUSES
from pipelines.safe_output import XLSXWRITER_OPTIONS, neutralise


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [neutralise(c) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(neutralise).astype(object)
    return out


def to_csv(frame: pd.DataFrame, lang: str = "fr") -> bytes:
    out = _safe(frame)
    if lang == "en":
        return out.to_csv(index=False).encode("utf-8")
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (Decimal, float))).any():
            out[col] = out[col].map(
                lambda v: "" if v is None or v != v else str(v).replace(".", ",")
            )
    return out.to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "ASR") -> bytes:
    out = _safe(frame)
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, Decimal)).any():
            out[col] = out[col].map(lambda v: float(v) if isinstance(v, Decimal) else v)
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", engine_kwargs={"options": dict(XLSXWRITER_OPTIONS)}
    ) as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


# -- grouped totals ---------------------------------------------------------------------------
def grouped_frame(
    frame: pd.DataFrame, dim1: str, dim2: str, label: Callable[[str, Any], str], lang: str
) -> pd.DataFrame:
    """The grouped table as shown on screen, for a download: the same headers and group labels
    (no ``none`` column when there is no second grouping), amounts as numbers, counts as
    integers (never « 32894,0 »)."""
    out = pd.DataFrame({t("dim." + dim1, lang): [label(dim1, k) for k in frame["key1"]]})
    if dim2 != "none":
        out[t("dim." + dim2, lang)] = [label(dim2, k) for k in frame["key2"]]
    if "supplier" in (dim1, dim2):
        out[t("col.supplier", lang)] = frame["supplier_name"].astype(object)
    for column, key in (
        ("spend_eur", "col.spend"),
        ("inclusive_spend_eur", "col.inclusive_spend"),
        ("probable_spend_eur", "col.probable"),
    ):
        out[t(key, lang)] = [_cents(v) for v in frame[column]]
    out[t("col.lines", lang)] = frame["count_lines"].astype("int64")
    if frame["count_suppliers"].notna().any():
        out[t("col.suppliers", lang)] = frame["count_suppliers"].astype("Int64")
    return out


def _cents(value: Any) -> Decimal | None:
    """An amount as exact euros and cents (the marts may give it as a float)."""
    if value is None or value != value:  # None or NaN
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


# -- every selected line ----------------------------------------------------------------------
def line_headers(lang: str) -> list[str]:
    """The lines table's column labels, as on screen, in ``lang``."""
    return [t(key, lang) for _, key in LINE_COLUMNS]


def line_value_labels(lang: str) -> dict[str, dict[str, str]]:
    return {"status": {s: t("status." + s, lang) for s in STATUSES}}


def _spooled() -> Any:
    # a large export spills to disk instead of holding two copies in memory while written
    return tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)


def lines_csv(reader: Any, lang: str) -> tuple[Any, Written]:
    """Every batch of ``reader`` (:func:`pipelines.queries.explorer.export_lines`) as CSV, in a
    file object positioned at its start."""
    out = _spooled()
    written = write_csv(
        reader, out, line_headers(lang), lang=lang, value_labels=line_value_labels(lang)
    )
    out.seek(0)
    return out, written


def lines_xlsx(reader: Any, lang: str, total: int) -> tuple[Any, Written]:
    """The same as XLSX (a write-only workbook), cut at :data:`XLSX_MAX_ROWS` lines."""
    out = _spooled()
    written = write_xlsx(
        reader,
        out,
        line_headers(lang),
        value_labels=line_value_labels(lang),
        truncated_note=t(
            "explorer.export.xlsx_cut_note",
            lang,
            max=f"{XLSX_MAX_ROWS:,}".replace(",", " " if lang != "en" else ","),
            n=f"{total:,}".replace(",", " " if lang != "en" else ","),
        ),
    )
    out.seek(0)
    return out, written
