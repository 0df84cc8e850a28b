"""Objectifs (admin): edit objectives and curves (validated, audited), close and reopen periods."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, charts, data
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.errors import UserError
from pipelines.objectives import (
    DEFAULT_CURVE_TEXT,
    OBJECTIVE_COLUMNS,
    CurveError,
    list_periods,
    parse_curve,
)
from pipelines.objectives.definitions import export_rows
from pipelines.objectives.metrics import metric_keys
from pipelines.workflows import close_period, closing_preview, reopen_period, save_objective_rows

access = require("objectives_admin")
lang = get_lang()
settings = data.settings()
st.title(t("page.objectives_admin"))

done = st.session_state.pop("admin_done", None)
if done:
    st.success(done)

# -- objectives ------------------------------------------------------------------------------------
st.subheader(t("admin.objectives"))
st.caption(t("admin.objectives_help"))
rows = export_rows(settings)
frame = pd.DataFrame(rows, columns=list(OBJECTIVE_COLUMNS)).fillna("")
edited = st.data_editor(
    frame,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="objectives_editor",
    column_config={
        "scope_type": st.column_config.SelectboxColumn(
            options=["all", "entity", "buyer", "manager"]
        ),
        "metric": st.column_config.SelectboxColumn(options=metric_keys()),
    },
)
if st.button(t("admin.save"), type="primary", key="objectives_save"):
    try:
        count = save_objective_rows(
            edited.fillna("").to_dict("records"), settings=settings, actor=access.username
        )
    except UserError as exc:
        st.error(fmt.md(exc.message(lang)))
    else:
        data.clear()
        st.session_state["admin_done"] = t("admin.saved", n=count)
        st.rerun()

# -- curve preview ---------------------------------------------------------------------------------
st.subheader(t("admin.curve"))
curve_text = st.text_input(
    t("admin.curve_text"), value=DEFAULT_CURVE_TEXT, key="curve_text", help=t("admin.curve_help")
)
try:
    curve = parse_curve(curve_text)
except CurveError as exc:
    st.error(t("admin.curve_error", error=fmt.md(exc)))
else:
    st.plotly_chart(
        charts.payout_curve(
            [(float(a), float(r)) for a, r in curve.points], None, None, lang, curve.step
        ),
        width="stretch",
        key="chart_curve_preview",
    )

# -- closing ---------------------------------------------------------------------------------------
st.subheader(t("admin.periods"))
periods = list_periods(settings)
if periods:
    st.dataframe(
        pd.DataFrame(
            {
                t("admin.period"): [p["period"] for p in periods],
                t("col.status"): [t("admin.status_" + p["status"]) for p in periods],
                t("admin.closed_at"): [fmt.date(p["closed_at"], lang) for p in periods],
                t("admin.closed_by"): [p["closed_by"] for p in periods],
                t("admin.payout"): [fmt.money(p["payout_eur"], 2, lang) for p in periods],
                t("admin.reason"): [
                    p.get("reopen_reason") or p.get("reason") or "" for p in periods
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="table_periods",
    )
years = sorted(
    {int(r["period_end"][:4]) for r in rows if r.get("period_end")}
    | {int(p["period"]) for p in periods}
)
if years:
    c = st.columns([1, 3, 1, 1])
    year = c[0].selectbox(t("period.year"), years, index=len(years) - 1, key="close_year")
    reason = c[1].text_input(t("admin.reason"), key="close_reason")
    closed = any(p["period"] == str(year) and p["status"] == "closed" for p in periods)
    # « Clôturer » only opens the confirmation step below; nothing is closed until confirmed.
    if c[2].button(t("admin.close"), key="close_period", disabled=closed, type="primary"):
        st.session_state["close_pending"] = year
    try:
        if c[3].button(t("admin.reopen"), key="reopen_period", disabled=not closed):
            reopen_period(str(year), reason=reason, settings=settings, actor=access.username)
            data.clear()
            st.session_state["admin_done"] = t("admin.reopened", year=year)
            st.rerun()
    except UserError as exc:
        st.error(fmt.md(exc.message(lang)))

    if st.session_state.get("close_pending") == year and not closed:
        preview = closing_preview(
            str(year), today=auth.clock().date(), settings=settings, con=data.cursor()
        )
        with st.container(border=True, key="close_confirmation"):
            st.markdown(f"**{t('admin.confirm_title', year=year)}**")
            for code in preview.warnings:
                st.warning(
                    t(
                        "admin.warn_" + code,
                        end=fmt.date(preview.end, lang),
                        month=fmt.date(preview.end.replace(day=1), lang),
                    )
                )
            m = st.columns(4)
            m[0].metric(t("admin.frozen_lines"), fmt.number(preview.lines, 0, lang))
            m[1].metric(
                t("admin.frozen_inclusive"), fmt.money(preview.inclusive_spend_eur, 0, lang)
            )
            m[2].metric(t("admin.frozen_objectives"), fmt.number(len(preview.results), 0, lang))
            m[3].metric(t("admin.frozen_payout"), fmt.money(preview.payout_eur, 2, lang))
            if preview.results:
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("objectives.objective"): [r.objective_id for r in preview.results],
                            t("objectives.owner"): [r.owner for r in preview.results],
                            t("objectives.attainment"): [
                                fmt.percent(r.attainment, 1, lang) for r in preview.results
                            ],
                            t("objectives.payout"): [
                                fmt.money(r.payout_eur, 2, lang) for r in preview.results
                            ],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                    key="table_close_preview",
                )
            if not reason.strip():
                st.info(t("admin.reason_needed"))
            confirmed = st.checkbox(t("admin.confirm_check", year=year), key="close_confirmed")
            b = st.columns([1, 1, 3])
            go = b[0].button(
                t("admin.confirm_close"),
                key="close_confirm",
                type="primary",
                disabled=not (confirmed and reason.strip()),
            )
            if b[1].button(t("admin.cancel"), key="close_cancel"):
                st.session_state.pop("close_pending", None)
                st.rerun()
            if go and confirmed and reason.strip():
                try:
                    with st.spinner(t("admin.closing")):
                        close_period(
                            str(year), reason=reason, settings=settings, actor=access.username
                        )
                except UserError as exc:
                    st.error(fmt.md(exc.message(lang)))
                else:
                    st.session_state.pop("close_pending", None)
                    data.clear()
                    st.session_state["admin_done"] = t("admin.closed", year=year)
                    st.rerun()
