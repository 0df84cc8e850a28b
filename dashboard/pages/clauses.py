"""Clauses sociales: contracts with a social clause, hours required / declared / estimated,
people reached, pace and opportunities. Facilitators and admins also see declarations per
(pseudonymous) person; everyone else sees counts. Queries: pipelines/queries/clauses.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, downloads
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import MESSAGES, get_lang, t
from pipelines.clock import utcnow


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names in the reader's language (codes stay as they are when no label exists)."""
    known = MESSAGES.get(lang, MESSAGES["fr"])
    return frame.rename(columns=lambda c: known.get(f"clauses.col.{c}", c))


access = require("clauses")
lang = get_lang()
st.title(t("clauses.page.title"))
st.caption(t("clauses.page.caption"))

as_of = st.date_input(t("clauses.page.as_of"), value=utcnow().date(), key="clauses_as_of")
page = data.clauses(access, as_of)
if not page["sees_participants"]:
    st.info(t("clauses.page.counts_only"))
tot = page["totals"]
if not page["contracts"]:
    st.info(t("clauses.page.empty"))

cols = st.columns(4)
cols[0].metric(t("clauses.metric.contracts"), fmt.number(tot["contracts"], 0, lang))
cols[1].metric(t("clauses.metric.required"), fmt.number(tot["hours_required"], 0, lang))
cols[2].metric(t("clauses.metric.declared"), fmt.number(tot["hours_declared"], 0, lang))
cols[3].metric(t("clauses.metric.estimated"), fmt.number(tot["hours_estimated"], 0, lang))
cols = st.columns(4)
cols[0].metric(t("clauses.metric.fte"), fmt.number(tot["fte_declared"], 2, lang))
cols[1].metric(t("clauses.metric.people"), fmt.number(tot["people"], 0, lang))
cols[2].metric(t("clauses.metric.signed"), fmt.number(tot["contracts_signed"], 0, lang))
cols[3].metric(t("clauses.metric.late"), fmt.number(tot["late"], 0, lang))
st.caption(t("clauses.page.estimate_note"))

if page["contracts"]:
    st.subheader(t("clauses.page.chart_hours"))
    st.plotly_chart(charts.clause_hours(page["contracts"], lang), key="clauses_hours_chart")
    if tot["by_eligibility"]:
        st.subheader(t("clauses.page.chart_people"))
        labels = [t(f"clauses.eligibility.{k}") for k in tot["by_eligibility"]]
        st.plotly_chart(
            charts.counts_bars(labels, list(tot["by_eligibility"].values()), lang),
            key="clauses_people_chart",
        )

    st.subheader(t("clauses.page.contracts"))
    frame = pd.DataFrame(page["contracts"])
    frame["pace"] = frame["pace"].map(lambda p: t(f"clauses.pace.{p}"))
    frame["clause_type"] = frame["clause_type"].map(lambda p: t(f"clauses.type.{p}"))
    frame["status"] = frame["status"].map(lambda p: t(f"clauses.status.{p}"))
    st.dataframe(labelled(frame), hide_index=True, key="clauses_contracts")

    left, right = st.columns(2)
    left.subheader(t("clauses.page.by_entity"))
    left.dataframe(
        labelled(pd.DataFrame(page["by_entity"])), hide_index=True, key="clauses_by_entity"
    )
    right.subheader(t("clauses.page.by_contractor"))
    right.dataframe(
        labelled(pd.DataFrame(page["by_contractor"])),
        hide_index=True,
        key="clauses_by_contractor",
    )

if page["participants"]:
    st.subheader(t("clauses.page.participants"))
    people = pd.DataFrame(page["participants"])
    people["eligibility"] = people["eligibility"].map(lambda k: t(f"clauses.eligibility.{k}"))
    people["modality"] = people["modality"].map(lambda k: t(f"clauses.modality.{k}"))
    st.dataframe(labelled(people), hide_index=True, key="clauses_participants")

st.subheader(t("clauses.page.opportunities"))
if page["opportunities"]:
    opps = pd.DataFrame(page["opportunities"])
    opps["kind"] = opps["kind"].map(lambda k: t(f"clauses.kind.{k}"))
    st.dataframe(labelled(opps), hide_index=True, key="clauses_opportunities")
    st.download_button(
        "CSV",
        downloads.to_csv(opps, lang),
        file_name="opportunites-clauses.csv",
        mime="text/csv",
        key="clauses_opportunities_csv",
    )
else:
    st.caption("–")
