"""Fournisseurs: the review queue — probable and unmatched suppliers, one-click decisions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, layout
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import get_lang, t
from pipelines.errors import UserError
from pipelines.kinds import KINDS
from pipelines.workflows import decide

access = require("suppliers")
lang = get_lang()
st.title(t("page.suppliers"))
st.caption(t("suppliers.caption"))

done = st.session_state.pop("review_done", None)
if done:
    st.success(done)

show = st.segmented_control(
    t("suppliers.show"),
    ["probable", "none", "all"],
    default="probable",
    required=True,
    key="review_show",
    format_func=lambda v: t("suppliers.show_" + v, lang),
)
queue = data.review_queue(None if show == "all" else show)
if not queue:
    st.info(t("suppliers.empty") if show == "all" else t("suppliers.empty_filter"))
    st.stop()

frame = pd.DataFrame(queue)
st.dataframe(
    pd.DataFrame(
        {
            t("col.supplier"): frame["supplier_name"],
            "SIRET": frame["siret"].fillna(""),
            t("col.status"): [t("status." + s) for s in frame["status"]],
            t("col.kind"): frame["kind"].fillna(""),
            t("suppliers.rule"): [t("rule." + str(r)) for r in frame["rule"].fillna("none")],
            t("suppliers.to_review"): [fmt.money(v, 0, lang) for v in frame["to_review_eur"]],
            t("suppliers.explanation"): frame["explanation"],
        }
    ),
    hide_index=True,
    width="stretch",
    key="table_queue",
)

keys = [q["supplier_key"] for q in queue]
by_key = {q["supplier_key"]: q for q in queue}
key = st.selectbox(
    t("suppliers.pick"),
    keys,
    key="review_supplier",
    format_func=lambda k: (
        f"{by_key[k]['supplier_name']} — "
        f"{fmt.money(by_key[k]['to_review_eur'], 0, lang)} "
        f"({t('status.' + by_key[k]['status'], lang)})"
    ),
)
item = by_key[key]
with st.container(border=True):
    st.markdown(f"**{fmt.md(item['supplier_name'])}** · {fmt.md(key)}")
    if item.get("explanation"):
        st.caption(fmt.md(item["explanation"]))
    candidates = data.supplier_candidates(key)
    if candidates:
        cand = pd.DataFrame(candidates)
        st.dataframe(
            pd.DataFrame(
                {
                    t("suppliers.rule"): [t("rule." + str(r)) for r in cand["rule"].fillna("none")],
                    t("col.status"): [t("status." + str(s)) for s in cand["status"]],
                    t("col.kind"): cand["kind"].fillna(""),
                    t("suppliers.record"): cand["record_id"],
                    t("suppliers.source"): cand["source"].fillna(""),
                    t("suppliers.score"): cand["score"],
                    t("suppliers.valid_from"): [fmt.date(d, lang) for d in cand["valid_from"]],
                    t("suppliers.valid_to"): [fmt.date(d, lang) for d in cand["valid_to"]],
                    t("suppliers.explanation"): cand["explanation"].fillna(""),
                }
            ),
            hide_index=True,
            width="stretch",
            key="table_candidates",
        )
    url_period = layout.url_period()
    year = url_period.end.year if url_period else None
    span = data.data_range(access)
    year = year or (span.last_month.year if span.last_month else None)
    if year and item["status"] == "probable":
        effect = data.confirmation_effect(access, key, year)
        if effect:
            st.markdown(f"**{t('suppliers.effect', year=year)}**")
            columns = {
                t("objectives.objective"): [e["objective_id"] for e in effect],
                t("suppliers.counted"): [fmt.money(e["spend_eur"], 0, lang) for e in effect],
                t("objectives.attainment"): [
                    f"{fmt.percent(e['attainment'], 1, lang)} → "
                    f"{fmt.percent(e['new_attainment'], 1, lang)}"
                    for e in effect
                ],
            }
            # Payouts are None where the reader may not see the owner's pay (analysts).
            if any(e["new_payout_eur"] is not None for e in effect):
                columns[t("objectives.payout")] = [
                    f"{fmt.money(e['payout_eur'], 0, lang)} → "
                    f"{fmt.money(e['new_payout_eur'], 0, lang)}"
                    for e in effect
                ]
            st.dataframe(
                pd.DataFrame(columns),
                hide_index=True,
                width="stretch",
                key="table_effect",
            )
        else:
            st.caption(t("suppliers.no_effect"))
    reason = st.text_input(t("suppliers.reason"), key="review_reason")
    c = st.columns([1, 1, 2, 1])
    kind_choice = c[2].selectbox(
        t("suppliers.set_kind"),
        list(KINDS),
        key="review_kind",
        label_visibility="collapsed",
        format_func=lambda k: f"{k} — {KINDS[k].label_fr}",
    )
    action = None
    if c[0].button(
        t("suppliers.confirm"),
        key="review_confirm",
        type="primary",
        disabled=item["status"] != "probable",
        icon=":material/check:",
    ):
        action = "confirm"
    if c[1].button(t("suppliers.reject"), key="review_reject", icon=":material/close:"):
        action = "reject"
    if c[3].button(t("suppliers.apply_kind"), key="review_set_kind"):
        action = "set_kind"
    if action:
        try:
            with st.spinner(t("suppliers.working")):
                outcome = decide(
                    key,
                    action,
                    settings=data.settings(),
                    actor=access.username,
                    reason=reason,
                    kind=kind_choice,
                )
        except UserError as exc:
            st.error(fmt.md(exc.message(lang)))
        else:
            data.clear()
            st.session_state["review_done"] = t(
                ("suppliers.done_" + action) if outcome.changed else "workflows.decision_unchanged",
                name=fmt.md(item["supplier_name"]),
            )
            st.rerun()
