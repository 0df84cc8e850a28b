"""CSV (French Excel-friendly: ``;`` and decimal comma) and XLSX bytes of a table. No Streamlit.

Text a spreadsheet would run is neutralised first (pipelines/safe_output.py); numbers stay numbers.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

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
