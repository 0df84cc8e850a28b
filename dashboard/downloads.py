"""CSV (French Excel-friendly: ``;`` and decimal comma) and XLSX bytes of a table. No Streamlit."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd


def to_csv(frame: pd.DataFrame, lang: str = "fr") -> bytes:
    if lang == "en":
        return frame.to_csv(index=False).encode("utf-8")
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (Decimal, float))).any():
            out[col] = out[col].map(
                lambda v: "" if v is None or v != v else str(v).replace(".", ",")
            )
    return out.to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "ASR") -> bytes:
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, Decimal)).any():
            out[col] = out[col].map(lambda v: float(v) if isinstance(v, Decimal) else v)
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
