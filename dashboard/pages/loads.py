"""Chargements: upload a purchase file, preview the mapping (dry run), load; history, quarantine."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import data, downloads
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.errors import UserError
from pipelines.workflows import LoadOptions, load_and_classify, preview_file

FORMATS = ("auto", "csv", "xlsx", "fec", "lemarche", "decp")

access = require("loads")
lang = get_lang()
settings = data.settings()
st.title(t("page.loads"))

done = st.session_state.pop("load_done", None)
if done:
    st.success(done)

with st.container(border=True):
    st.subheader(t("loads.upload"))
    upload = st.file_uploader(
        t("loads.file", mb=settings.upload_max_mb),
        type=["csv", "txt", "xlsx", "json"],
        key="upload_file",
    )
    c = st.columns(3)
    entity = c[0].text_input(t("loads.entity"), key="upload_entity", help=t("loads.entity_help"))
    fmt_choice = c[1].selectbox(t("loads.format"), FORMATS, key="upload_format")
    year = c[2].number_input(
        t("loads.year"),
        min_value=2000,
        max_value=2100,
        value=None,
        key="upload_year",
        help=t("loads.year_help"),
    )
    if upload is not None:
        size_mb = upload.size / 1_000_000
        if size_mb > settings.upload_max_mb:
            st.error(
                t(
                    "loads.too_big",
                    name=fmt.md(upload.name),
                    size=fmt.number(size_mb, 1, lang),
                    mb=settings.upload_max_mb,
                )
            )
            st.stop()
        folder = settings.home / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(upload.name).name) or "fichier"
        path = folder / safe
        path.write_bytes(upload.getvalue())
        options = LoadOptions(
            entity=entity or None, fmt=fmt_choice, year=int(year) if year else None
        )

        wanted = (safe, upload.size, entity, fmt_choice, year)
        held = st.session_state.get("upload_preview")
        if held is None or held[0] != wanted:  # the dry run once per file and options
            try:
                held = (wanted, preview_file(path, options, settings=settings))
            except UserError as exc:
                st.error(fmt.md(exc.message(lang)))
                st.stop()
            st.session_state["upload_preview"] = held
        preview = held[1]
        st.markdown(
            t(
                "loads.preview",
                rows=fmt.number(preview.rows_read, 0, lang),
                ok=fmt.number(preview.rows_loaded, 0, lang),
                bad=fmt.number(preview.rows_quarantined, 0, lang),
                fmt=preview.format,
                amount=fmt.money(preview.amount_eur, 2, lang),
            )
        )
        if preview.column_mapping:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("loads.source_column"): list(preview.column_mapping),
                        t("loads.field"): list(preview.column_mapping.values()),
                    }
                ),
                hide_index=True,
                key="table_mapping",
            )
        for warning in preview.warnings:
            st.warning(fmt.md(warning))
        if st.button(t("loads.load"), type="primary", key="upload_load"):
            try:
                # New suppliers are classified at once, so the figures include them.
                with st.spinner(t("loads.loading")):
                    outcome = load_and_classify([path], options, settings=settings)
                (result,) = outcome.results
            except UserError as exc:
                st.error(fmt.md(exc.message(lang)))
            else:
                data.clear()
                st.session_state.pop("upload_preview", None)
                st.session_state["load_done"] = t(
                    "loads.done",
                    name=fmt.md(upload.name),
                    ok=fmt.number(result.rows_loaded, 0, lang),
                    bad=fmt.number(result.rows_quarantined, 0, lang),
                    replaced=fmt.number(result.rows_replaced, 0, lang),
                )
                st.rerun()

st.subheader(t("loads.history"))
history = data.load_history()
if len(history):
    st.dataframe(
        pd.DataFrame(
            {
                "#": history["load_id"],
                t("loads.file_col"): history["file"].map(lambda f: Path(str(f)).name),
                t("loads.format"): history["format"],
                t("col.entity"): history["entity"],
                t("loads.read"): [fmt.number(v, 0, lang) for v in history["rows_read"]],
                t("loads.loaded"): [fmt.number(v, 0, lang) for v in history["rows_loaded"]],
                t("loads.quarantined"): [
                    fmt.number(v, 0, lang) for v in history["rows_quarantined"]
                ],
                t("loads.replaced"): [fmt.number(v, 0, lang) for v in history["rows_replaced"]],
                t("loads.when"): [
                    fmt.date(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v, lang)
                    for v in history["loaded_at"]
                ],
                t("loads.who"): history["loaded_by"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="table_loads",
    )
else:
    st.info(t("loads.none"))

st.subheader(t("loads.quarantine"))
bad = data.quarantine()
if len(bad):
    st.dataframe(
        pd.DataFrame(
            {
                "#": bad["load_id"],
                t("loads.file_col"): bad["file"].map(lambda f: Path(str(f)).name),
                t("loads.row"): bad["row_no"],
                t("loads.column"): bad["column_name"],
                t("loads.value"): bad["value"],
                t("loads.reason"): bad["reason"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="table_quarantine",
    )
    st.download_button(
        t("explorer.csv"),
        downloads.to_csv(bad, lang),
        "asr_quarantaine.csv",
        "text/csv",
        key="dl_quarantine",
    )
else:
    st.success(t("loads.no_quarantine"))
