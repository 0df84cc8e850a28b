"""Clauses sociales: contracts with a social clause, hours required / declared / estimated,
people reached, pace and opportunities. Facilitators and admins also see declarations per
(pseudonymous) person; everyone else sees counts. Queries: pipelines/queries/clauses.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, charts, data, downloads
from dashboard import formatting as fmt
from dashboard.auth import require
from dashboard.i18n import MESSAGES, get_lang, t


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names in the reader's language (codes stay as they are when no label exists)."""
    known = MESSAGES.get(lang, MESSAGES["fr"])
    return frame.rename(columns=lambda c: known.get(f"clauses.col.{c}", c))


access = require("clauses")
lang = get_lang()
st.title(t("clauses.page.title"))
st.caption(t("clauses.page.caption"))

as_of = st.date_input(t("clauses.page.as_of"), value=auth.clock().date(), key="clauses_as_of")
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

if access.clauses.may_write:
    from pipelines.errors import UserError
    from pipelines.queries.clauses import CLAUSE_TYPES, ELIGIBILITY, MODALITIES, STATUSES
    from pipelines.workflows import (
        add_clause_contract,
        correct_clause_declaration,
        import_clause_declarations,
        record_clause_declaration,
        set_clause_parameters,
    )

    def done_and_rerun(message: str) -> None:
        data.clear()
        st.session_state["clauses_done"] = message
        st.rerun()

    done = st.session_state.pop("clauses_done", None)
    if done:
        st.success(done)
    with st.expander(t("clauses.page.add")), st.form("clauses_add_form"):
        c = st.columns(3)
        new_id = c[0].text_input(t("clauses.col.contract_id"), key="clauses_add_id")
        new_entity = c[1].text_input(t("clauses.col.entity"), key="clauses_add_entity")
        new_buyer = c[2].text_input(t("clauses.col.buyer"), key="clauses_add_buyer")
        c = st.columns(3)
        new_siret = c[0].text_input(t("clauses.col.contractor_siret"), key="clauses_add_siret")
        new_name = c[1].text_input(t("clauses.col.contractor"), key="clauses_add_contractor")
        new_object = c[2].text_input(t("clauses.col.object"), key="clauses_add_object")
        c = st.columns(3)
        new_category = c[0].text_input(t("clauses.col.category"), key="clauses_add_category")
        new_cpv = c[1].text_input(t("clauses.col.cpv"), key="clauses_add_cpv")
        new_type = c[2].selectbox(
            t("clauses.col.clause_type"),
            CLAUSE_TYPES,
            format_func=lambda k: t(f"clauses.type.{k}", lang),
            key="clauses_add_type",
        )
        c = st.columns(3)
        new_start = c[0].date_input(
            t("clauses.col.start_date"), value=as_of, key="clauses_add_start"
        )
        new_end = c[1].date_input(t("clauses.col.end_date"), value=as_of, key="clauses_add_end")
        new_status = c[2].selectbox(
            t("clauses.col.status"),
            STATUSES,
            format_func=lambda k: t(f"clauses.status.{k}", lang),
            key="clauses_add_status",
        )
        c = st.columns(2)
        new_amount = c[0].number_input(
            t("clauses.col.amount_eur"), min_value=0.0, value=None, key="clauses_add_amount"
        )
        new_hours = c[1].number_input(
            t("clauses.page.hours_blank"), min_value=0.0, value=None, key="clauses_add_hours"
        )
        if st.form_submit_button(t("clauses.page.add_button")):
            try:
                added = add_clause_contract(
                    contract_id=new_id,
                    entity=new_entity,
                    start_date=new_start,
                    end_date=new_end,
                    clause_type=new_type,
                    status=new_status,
                    buyer=new_buyer,
                    contractor_siret=new_siret,
                    contractor_name=new_name,
                    object=new_object,
                    category=new_category,
                    cpv=new_cpv,
                    amount_eur=new_amount,
                    hours_required=new_hours,
                    settings=data.settings(),
                    actor=access.username,
                    role=access.role,
                )
            except UserError as exc:
                st.error(fmt.md(exc.message(lang)))
            else:
                message = t(
                    "clauses.page.added", contract_id=new_id.strip(), clause_id=added.clause_id
                )
                if added.plan is not None:
                    p = added.plan.parameters
                    message += " " + t(
                        "clauses.page.added_estimate",
                        amount=fmt.number(added.plan.amount_eur, 2, lang),
                        share=fmt.number(p.labour_share, 2, lang),
                        cost=fmt.number(p.hourly_cost_eur, 2, lang),
                        rate=fmt.number(p.clause_rate, 2, lang),
                        hours=fmt.number(added.plan.rounded, 0, lang),
                    )
                done_and_rerun(message)

if access.clauses.may_write and page["contracts"]:
    with st.expander(t("clauses.page.parameters")):
        st.caption(t("clauses.page.parameters_help"))
        with st.form("clauses_parameters_form"):
            by_id = {r["clause_id"]: r for r in page["contracts"]}
            picked_id = st.selectbox(
                t("clauses.page.contract"),
                list(by_id),
                format_func=lambda i: f"{by_id[i]['entity']} / {by_id[i]['contract_id']}",
                key="clauses_parameters_contract",
            )
            c = st.columns(3)
            share = c[0].number_input(
                t("clauses.col.labour_share"),
                min_value=0.0,
                max_value=1.0,
                value=None,
                key="clauses_parameters_share",
            )
            cost = c[1].number_input(
                t("clauses.col.hourly_cost_eur"),
                min_value=0.01,
                value=None,
                key="clauses_parameters_cost",
            )
            rate = c[2].number_input(
                t("clauses.col.clause_rate"),
                min_value=0.0,
                max_value=1.0,
                value=None,
                key="clauses_parameters_rate",
            )
            reason = st.text_input(t("clauses.page.reason"), key="clauses_parameters_reason")
            if st.form_submit_button(t("clauses.page.parameters_button")):
                try:
                    set_clause_parameters(
                        picked_id,
                        reason=reason,
                        labour_share=share,
                        hourly_cost_eur=cost,
                        clause_rate=rate,
                        settings=data.settings(),
                        actor=access.username,
                        role=access.role,
                    )
                except UserError as exc:
                    st.error(fmt.md(exc.message(lang)))
                else:
                    done_and_rerun(t("clauses.page.parameters_saved", clause_id=picked_id))

    with st.expander(t("clauses.page.record")):
        upload = st.file_uploader(
            t("clauses.page.upload"), type=["csv", "txt", "xlsx"], key="clauses_upload"
        )
        if upload is not None and st.button(
            t("clauses.page.upload_button"), key="clauses_upload_button"
        ):
            import tempfile
            from pathlib import Path

            suffix = Path(upload.name).suffix.lower() or ".csv"
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"declarations{suffix}"
                path.write_bytes(upload.getvalue())
                try:
                    count = import_clause_declarations(
                        path,
                        actor=access.username,
                        settings=data.settings(),
                        now=auth.clock(),
                        name=upload.name,
                    )
                except UserError as exc:
                    st.error(fmt.md(exc.message(lang)))
                else:
                    done_and_rerun(t("clauses.page.recorded", count=count))
        st.markdown(f"**{t('clauses.page.one')}**")
        with st.form("clauses_one_form"):
            choices = {f"{r['entity']} / {r['contract_id']}": r for r in page["contracts"]}
            picked = st.selectbox(
                t("clauses.page.contract"), list(choices), key="clauses_one_contract"
            )
            c = st.columns(3)
            start = c[0].date_input(t("clauses.col.period_start"), key="clauses_one_from")
            end = c[1].date_input(t("clauses.col.period_end"), key="clauses_one_to")
            hours = c[2].number_input(
                t("clauses.col.hours"), min_value=0.0, step=0.5, key="clauses_one_hours"
            )
            c = st.columns(3)
            participant = c[0].text_input(t("clauses.col.participant_id"), key="clauses_one_pid")
            eligibility = c[1].selectbox(
                t("clauses.col.eligibility"),
                ELIGIBILITY,
                format_func=lambda k: t(f"clauses.eligibility.{k}", lang),
                key="clauses_one_eligibility",
            )
            modality = c[2].selectbox(
                t("clauses.col.modality"),
                MODALITIES,
                format_func=lambda k: t(f"clauses.modality.{k}", lang),
                key="clauses_one_modality",
            )
            signed = st.checkbox(
                t("clauses.col.employment_contract_signed"), key="clauses_one_signed"
            )
            if st.form_submit_button(t("clauses.page.one_button")):
                row = choices[picked]
                try:
                    record_clause_declaration(
                        contract_id=row["contract_id"],
                        entity=row["entity"],
                        period_start=start,
                        period_end=end,
                        participant_id=participant,
                        eligibility=eligibility,
                        modality=modality,
                        hours=hours,
                        employment_contract_signed=signed,
                        settings=data.settings(),
                        actor=access.username,
                        now=auth.clock(),
                    )
                except UserError as exc:
                    st.error(fmt.md(exc.message(lang)))
                else:
                    done_and_rerun(t("clauses.page.recorded", count=1))

    if page["participants"]:
        with st.expander(t("clauses.page.correct")):
            st.caption(t("clauses.page.correct_help"))
            with st.form("clauses_correct_form"):
                declarations = {d["declaration_id"]: d for d in page["participants"]}
                picked_declaration = st.selectbox(
                    t("clauses.page.declaration"),
                    list(declarations),
                    format_func=lambda i: (
                        f"n° {i} — {declarations[i]['entity']} / {declarations[i]['contract_id']}"
                        f" — {declarations[i]['participant_id']} — "
                        f"{declarations[i]['period_start']} → {declarations[i]['period_end']} — "
                        f"{fmt.number(declarations[i]['hours'], 2, lang)} h"
                    ),
                    key="clauses_correct_declaration",
                )
                new_hours_value = st.number_input(
                    t("clauses.page.new_hours"),
                    min_value=0.0,
                    value=None,
                    step=0.5,
                    key="clauses_correct_hours",
                )
                why = st.text_input(t("clauses.page.reason"), key="clauses_correct_reason")
                if st.form_submit_button(t("clauses.page.correct_button")):
                    try:
                        corrected = correct_clause_declaration(
                            picked_declaration,
                            reason=why,
                            hours=new_hours_value,
                            settings=data.settings(),
                            actor=access.username,
                            role=access.role,
                            now=auth.clock(),
                        )
                    except UserError as exc:
                        st.error(fmt.md(exc.message(lang)))
                    else:
                        done_and_rerun(
                            t("clauses.page.corrected", old=picked_declaration, new=corrected)
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
