"""Contrôles: signals of gaming the objectives, ranked by payout at stake; mark one reviewed."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.errors import UserError
from pipelines.queries.controls import explain
from pipelines.workflows import review_control_signal

access = require("controls")
lang = get_lang()
settings = data.settings()
st.title(t("controls.title"))
st.caption(t("controls.caption"))

span = data.data_range(access)
years = span.years or [2025]
year = st.selectbox(t("period.year"), years, index=len(years) - 1, key="controls_year")
done = st.session_state.pop("controls_done", None)
if done:
    st.success(done)

listed = data.controls_signals(str(year))
open_items = [i for i in listed if i.is_open]
reviewed = [i for i in listed if not i.is_open]
stake = sum((i.signal.payout_at_stake_eur for i in open_items), Decimal("0"))
st.info(t("controls.open", count=len(open_items), stake=fmt.money(stake, 0, lang)))
if reviewed:
    st.caption(t("controls.reviewed", count=len(reviewed)))
if not open_items:
    st.success(t("controls.none"))

for n, item in enumerate(open_items + reviewed):
    signal = item.signal
    head = (
        f"{t('controls.kind.' + signal.kind)} · "
        f"{fmt.money(signal.payout_at_stake_eur, 0, lang)} · {signal.subject}"
    )
    with st.expander(fmt.md(head), expanded=n < 3 and item.is_open):
        st.markdown(fmt.md(explain(signal, lang)))
        if item.review is not None and not item.is_open:
            st.caption(fmt.md(f"{item.review.reviewed_by} : {item.review.reason}"))
        rows = data.controls_lines(access, signal.lines)
        st.caption(t("controls.lines"))
        if rows:
            shown = pd.DataFrame(
                {
                    t("col.date"): [fmt.date(r["period_date"], lang) for r in rows],
                    t("col.entity"): [r["entity"] for r in rows],
                    t("col.supplier"): [r["supplier_name"] for r in rows],
                    t("col.spend"): [fmt.money(r["amount_eur"], 2, lang) for r in rows],
                    t("col.kind"): [r["kind"] or "" for r in rows],
                    t("col.status"): [t("status." + r["status"], lang) for r in rows],
                    t("col.invoice"): [r["invoice_id"] for r in rows],
                    t("col.buyer"): [r["buyer"] for r in rows],
                    t("col.category"): [r["category"] for r in rows],
                    t("col.account"): [r["account"] for r in rows],
                }
            )
            st.dataframe(shown, hide_index=True, key=f"controls_lines_{n}")
        if signal.lines.supplier_keys:
            st.page_link(
                "pages/explorer.py",
                label=t("controls.explorer"),
                query_params={"period": str(year), "search": signal.lines.supplier_keys[0]},
            )
        if item.is_open:
            reason = st.text_input(t("controls.reason"), key=f"controls_reason_{n}")
            if st.button(t("controls.review"), key=f"controls_review_{n}"):
                try:
                    review_control_signal(
                        signal,
                        reason=reason,
                        actor=access.username,
                        role=access.role,
                        settings=settings,
                    )
                except UserError as exc:
                    st.error(fmt.md(exc.message(lang)))
                else:
                    data.clear()
                    st.session_state["controls_done"] = t("controls.done")
                    st.rerun()
